import { SqliteDatabase, sqliteDriverPackageFor } from './sqlite-driver.js';

describe('the better-sqlite3 build each Node.js runs', () => {
  it.each([
    ['20.19.0', 'better-sqlite3'],
    ['21.7.3', 'better-sqlite3'],
    ['22.12.0', 'better-sqlite3-node-api'],
    ['24.21.0', 'better-sqlite3-node-api'],
    ['26.0.0', 'better-sqlite3-node-api'],
  ])('on Node %s is %s', (nodeVersion, driverPackage) => {
    expect(sqliteDriverPackageFor(nodeVersion)).toBe(driverPackage);
  });

  it('opens a working connection on this runtime', () => {
    const connection = new SqliteDatabase(':memory:');
    try {
      expect(connection.prepare('SELECT 1 + 1 AS two').get()).toEqual({
        two: 2,
      });
    } finally {
      connection.close();
    }
  });
});
