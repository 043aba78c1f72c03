import type {
  EdmAction,
  EdmComplexType,
  EdmEntitySet,
  EdmEntityType,
  EdmModel,
  EdmProperty,
} from './edm-model.js';
import { writeXml, type XmlElement } from './xml-writer.js';

const EDMX_NAMESPACE = 'http://docs.oasis-open.org/odata/ns/edmx';
const EDM_NAMESPACE = 'http://docs.oasis-open.org/odata/ns/edm';
/** The container's name in Graph's own document. */
const CONTAINER_NAME = 'GraphService';

/** The model as an OData 4.0 CSDL XML document (EDMX), as `GET /beta/$metadata` serves it. */
export function csdlDocumentOf(model: EdmModel): string {
  return writeXml({
    name: 'edmx:Edmx',
    attributes: { Version: '4.0', 'xmlns:edmx': EDMX_NAMESPACE },
    children: [
      {
        name: 'edmx:DataServices',
        children: [
          {
            name: 'Schema',
            attributes: { Namespace: model.namespace, xmlns: EDM_NAMESPACE },
            children: [
              ...model.entityTypes.map(entityTypeElement),
              ...model.complexTypes.map(complexTypeElement),
              ...model.actions.map(actionElement),
              {
                name: 'EntityContainer',
                attributes: { Name: CONTAINER_NAME },
                children: model.entitySets.map(entitySetElement),
              },
            ],
          },
        ],
      },
    ],
  });
}

function entityTypeElement(type: EdmEntityType): XmlElement {
  return {
    name: 'EntityType',
    attributes: {
      Name: type.name,
      BaseType: type.baseType,
      Abstract: type.abstract ? 'true' : undefined,
    },
    children: [
      ...(type.key
        ? [
            {
              name: 'Key',
              children: [
                { name: 'PropertyRef', attributes: { Name: type.key } },
              ],
            },
          ]
        : []),
      ...type.properties.map(propertyElement),
      ...type.navigationProperties.map((navigation) => ({
        name: 'NavigationProperty',
        attributes: {
          Name: navigation.name,
          Type: navigation.type,
          ContainsTarget: navigation.containsTarget ? 'true' : undefined,
        },
      })),
    ],
  };
}

function complexTypeElement(type: EdmComplexType): XmlElement {
  return {
    name: 'ComplexType',
    attributes: { Name: type.name },
    children: type.properties.map(propertyElement),
  };
}

function propertyElement(property: EdmProperty): XmlElement {
  return {
    name: 'Property',
    attributes: {
      Name: property.name,
      Type: property.type,
      // Nullable is true unless said otherwise.
      Nullable: property.nullable ? undefined : 'false',
    },
  };
}

function actionElement(action: EdmAction): XmlElement {
  return {
    name: action.isFunction ? 'Function' : 'Action',
    attributes: { Name: action.name, IsBound: 'true' },
    children: [
      {
        name: 'Parameter',
        attributes: { Name: 'bindingParameter', Type: action.bindingType },
      },
      ...action.parameters.map((parameter) => ({
        name: 'Parameter',
        attributes: { Name: parameter.name, Type: parameter.type },
      })),
      ...(action.returnType
        ? [{ name: 'ReturnType', attributes: { Type: action.returnType } }]
        : []),
    ],
  };
}

function entitySetElement(set: EdmEntitySet): XmlElement {
  return {
    name: 'EntitySet',
    attributes: { Name: set.name, EntityType: set.entityType },
    children: set.navigationBindings.map((binding) => ({
      name: 'NavigationPropertyBinding',
      attributes: { Path: binding.path, Target: binding.target },
    })),
  };
}
