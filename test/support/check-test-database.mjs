// Jest global setup of the postgres project: the e2e suites create and drop schemas, so they
// must never run against a database that is not meant for tests.
export default function checkTestDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set');
  }
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/(^|[_-])test($|[_-])|^test/i.test(name)) {
    throw new Error(
      `Refusing to run the e2e suites on database "${name}": its name does not look like a test database (it must contain "test")`,
    );
  }
}
