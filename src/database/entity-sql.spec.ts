import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { EntitySql } from './entity-sql.js';
import { SqliteDatabase } from './sqlite-driver.js';

class Period {
  @Column({ type: 'datetime', nullable: true })
  start!: Date | null;

  @Column({ type: 'varchar', nullable: true })
  duration!: string | null;
}

@Entity('hydrated_things')
class HydratedThing {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar', name: 'display_name' })
  displayName!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'simple-json', nullable: true })
  details!: { key: string }[] | null;

  @Column(() => Period)
  period!: Period;
}

describe('EntitySql hydration', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'better-sqlite3',
      driver: SqliteDatabase,
      database: ':memory:',
      entities: [HydratedThing],
    }).initialize();
  });

  afterAll(() => dataSource.destroy());

  const row = {
    id: 'a',
    display_name: 'Reader',
    enabled: 1,
    details: '[{"key":"ApprovalRule"}]',
    periodStart: '2026-11-28 10:00:00.000',
    periodDuration: null,
  };

  /** The entity of `row`, read as an array of values with its columns' names. */
  const hydrate = (values: typeof row) =>
    new EntitySql(dataSource, HydratedThing).hydrateAll({
      columns: Object.keys(values),
      rows: [Object.values(values)],
    })[0];

  it('converts each column as the driver does and nests embedded columns', () => {
    const entity = hydrate(row);

    expect(entity).toEqual({
      id: 'a',
      displayName: 'Reader',
      enabled: true,
      details: [{ key: 'ApprovalRule' }],
      period: { start: new Date('2026-11-28T10:00:00.000Z'), duration: null },
    });
  });

  it('builds the entity TypeORM’s own setEntityValue builds', () => {
    const expected = {};
    for (const column of dataSource.getMetadata(HydratedThing).columns) {
      column.setEntityValue(
        expected,
        dataSource.driver.prepareHydratedValue(
          row[column.databaseName as keyof typeof row],
          column,
        ),
      );
    }

    expect(hydrate(row)).toEqual(expected);
  });

  it('finds each column by its name, whatever their order and the columns it does not know', () => {
    const things = new EntitySql(dataSource, HydratedThing);
    const columns = Object.keys(row).reverse();
    const other = { ...row, id: 'b', enabled: 0 };

    const entities = things.hydrateAll({
      columns: ['administered', ...columns],
      rows: [row, other].map((values) => [
        1,
        ...columns.map((column) => values[column as keyof typeof row]),
      ]),
    });

    expect(entities).toEqual([hydrate(row), hydrate(other)]);
    expect(entities[1]).toMatchObject({ id: 'b', enabled: false });
  });

  it('takes the last of two columns of one name, as a row read as an object does', () => {
    const things = new EntitySql(dataSource, HydratedThing);
    const columns = [...Object.keys(row), 'display_name'];

    const [entity] = things.hydrateAll({
      columns,
      rows: [[...Object.values(row), 'Owner']],
    });

    expect(entity.displayName).toBe('Owner');
  });

  it('reads no rows as no entities', () => {
    expect(
      new EntitySql(dataSource, HydratedThing).hydrateAll({
        columns: Object.keys(row),
        rows: [],
      }),
    ).toEqual([]);
  });
});
