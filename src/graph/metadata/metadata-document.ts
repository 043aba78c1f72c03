import { Injectable } from '@nestjs/common';
import { ENTITY_SETS } from '../odata/entity-set-registry.js';
import { csdlDocumentOf } from './csdl-document.js';
import { edmModelOf } from './edm-model.js';

/**
 * The CSDL document of the registered entity sets, written once when the application is made
 * (the composition root has registered every set by then): the sets do not change while the
 * service runs, and a declaration it cannot describe stops the start rather than a request.
 */
@Injectable()
export class MetadataDocument {
  readonly xml = csdlDocumentOf(edmModelOf(ENTITY_SETS));
}
