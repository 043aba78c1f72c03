import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * The application's DataSource. Entities declare instants as `type: Date`, which TypeORM maps
 * to SQLite's `datetime` but to PostgreSQL's `timestamp without time zone`: on PostgreSQL they
 * become `timestamp with time zone`, as the migrations create them, so that values keep their
 * instant whatever the server's time zone and `migration:generate` sees no difference.
 */
export class AppDataSource extends DataSource {
  constructor(options: DataSourceOptions) {
    super(options);
    if (options.type === 'postgres') {
      // pg writes a Date as its local time with the zone's offset in whole minutes: before
      // standard time zones (1893 in Berlin) the offset had seconds, and an instant of the year
      // 0050 was stored 28 seconds late. In UTC it is written as it is.
      pg.defaults.parseInputDatesAsUTC = true;
    }
  }

  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    if (this.options.type !== 'postgres') {
      return;
    }
    for (const entity of this.entityMetadatas) {
      for (const column of entity.columns) {
        if (column.type === Date) {
          column.type = 'timestamp with time zone';
        }
      }
    }
  }
}
