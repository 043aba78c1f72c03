import { writeXml } from './xml-writer.js';

describe('writeXml', () => {
  it('writes one element a line, indented, with the XML declaration first', () => {
    expect(
      writeXml({
        name: 'Schema',
        attributes: { Namespace: 'microsoft.graph' },
        children: [
          { name: 'EntityType', attributes: { Name: 'a' } },
          {
            name: 'ComplexType',
            attributes: { Name: 'b' },
            children: [{ name: 'Property', attributes: { Name: 'c' } }],
          },
        ],
      }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<Schema Namespace="microsoft.graph">',
        '  <EntityType Name="a" />',
        '  <ComplexType Name="b">',
        '    <Property Name="c" />',
        '  </ComplexType>',
        '</Schema>',
        '',
      ].join('\n'),
    );
  });

  it('escapes what an attribute value may not hold as it is', () => {
    expect(writeXml({ name: 'x', attributes: { v: `a&b<c>"d"'e` } })).toContain(
      '<x v="a&amp;b&lt;c&gt;&quot;d&quot;\'e" />',
    );
  });

  it('leaves out an attribute without a value', () => {
    expect(
      writeXml({
        name: 'Property',
        attributes: { Name: 'n', Nullable: undefined },
      }),
    ).toContain('<Property Name="n" />');
  });
});
