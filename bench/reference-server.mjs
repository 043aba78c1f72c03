// The bare reference: plain node:http doing the service's essential work for the benchmarked
// routes (verify the same HS256 token, run the same SQL on the same kind of database, answer
// the same JSON), with nothing else. The service's figures are printed as ratios to this.
// DATABASE_FILE: a SQLite file (better-sqlite3); DATABASE_URL: PostgreSQL (pg, a pool of 10).
import Database from 'better-sqlite3';
import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const { PORT, DATABASE_FILE, DATABASE_URL, DATABASE_SCHEMA, AUTH_JWT_SECRET } =
  process.env;
const AUDIENCES = [
  'https://graph.microsoft.com',
  '00000003-0000-0000-c000-000000000000',
];
const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';
const ROUTE =
  /^\/beta\/privilegedAccess\/azureResources\/roleAssignmentRequests\/([^/?]+)(\/cancel)?$/;
const CANCELLABLE = [
  'Granted',
  'PendingApproval',
  'PendingApprovalProvisioning',
  'PendingAdminDecision',
];

/** The cancel's UPDATE and audit INSERT, the existence check and the GET, per database. */
function sqliteStore(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const cancelStatement = db.prepare(`UPDATE role_assignment_requests
      SET previous_sub_status = sub_status, status = ?, sub_status = ?
    WHERE id = ? AND tenant_id = ? AND sub_status IN (?, ?, ?, ?)
    RETURNING previous_sub_status`);
  const auditStatement =
    db.prepare(`INSERT INTO role_assignment_request_audit_events
    (id, tenant_id, request_id, action, actor_id, actor_type, occurred_date_time,
     from_sub_status, to_sub_status, http_request_id, client_request_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const existsStatement = db.prepare(
    'SELECT 1 FROM role_assignment_requests WHERE tenant_id = ? AND id = ? LIMIT 1',
  );
  const getStatement = db.prepare(
    'SELECT * FROM role_assignment_requests WHERE tenant_id = ? AND id = ?',
  );
  const cancelTransaction = db.transaction(
    (tenantId, id, actorId, requestId) => {
      const row = cancelStatement.get(
        'Closed',
        'Canceled',
        id,
        tenantId,
        ...CANCELLABLE,
      );
      if (row) {
        auditStatement.run(
          randomUUID(),
          tenantId,
          id,
          'Cancel',
          actorId,
          'User',
          new Date().toISOString().replace('T', ' ').slice(0, 23),
          row.previous_sub_status,
          'Canceled',
          requestId,
          requestId,
        );
      }
      return row !== undefined;
    },
  );
  return {
    cancel: async (...args) => cancelTransaction(...args),
    exists: async (tenantId, id) =>
      existsStatement.get(tenantId, id) !== undefined,
    get: async (tenantId, id) => getStatement.get(tenantId, id),
    instant: (value) =>
      value === null ? null : new Date(`${value.replace(' ', 'T')}Z`),
  };
}

function postgresStore(url, schema) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  return {
    async cancel(tenantId, id, actorId, requestId) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          `UPDATE role_assignment_requests
              SET previous_sub_status = sub_status, status = $1, sub_status = $2
            WHERE id = $3 AND tenant_id = $4 AND sub_status IN ($5, $6, $7, $8)
            RETURNING previous_sub_status`,
          ['Closed', 'Canceled', id, tenantId, ...CANCELLABLE],
        );
        if (rows[0]) {
          await client.query(
            `INSERT INTO role_assignment_request_audit_events
              (id, tenant_id, request_id, action, actor_id, actor_type, occurred_date_time,
               from_sub_status, to_sub_status, http_request_id, client_request_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              randomUUID(),
              tenantId,
              id,
              'Cancel',
              actorId,
              'User',
              new Date(),
              rows[0].previous_sub_status,
              'Canceled',
              requestId,
              requestId,
            ],
          );
        }
        await client.query('COMMIT');
        return rows.length > 0;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async exists(tenantId, id) {
      const { rows } = await pool.query(
        'SELECT 1 FROM role_assignment_requests WHERE tenant_id = $1 AND id = $2 LIMIT 1',
        [tenantId, id],
      );
      return rows.length > 0;
    },
    async get(tenantId, id) {
      const { rows } = await pool.query(
        'SELECT * FROM role_assignment_requests WHERE tenant_id = $1 AND id = $2',
        [tenantId, id],
      );
      return rows[0];
    },
    instant: (value) => value,
  };
}

const store = DATABASE_FILE
  ? sqliteStore(DATABASE_FILE)
  : postgresStore(DATABASE_URL, DATABASE_SCHEMA);
const secret = createSecretKey(Buffer.from(AUTH_JWT_SECRET, 'utf8'));

function sendError(response, status, code, message, requestId) {
  const body = JSON.stringify({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': requestId,
      },
    },
  });
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(body);
}

function toGraph(row) {
  const iso = (value) => store.instant(value)?.toISOString() ?? null;
  return {
    '@odata.context':
      'http://127.0.0.1/beta/$metadata#governanceRoleAssignmentRequests/$entity',
    id: row.id,
    resourceId: row.resource_id,
    roleDefinitionId: row.role_definition_id,
    subjectId: row.subject_id,
    linkedEligibleRoleAssignmentId: row.linked_eligible_role_assignment_id,
    type: row.type,
    assignmentState: row.assignment_state,
    requestedDateTime: iso(row.requested_date_time),
    reason: row.reason,
    status: {
      status: row.status,
      subStatus: row.sub_status,
      statusDetails: JSON.parse(row.status_details),
    },
    schedule:
      row.schedule_type === null
        ? null
        : {
            type: row.schedule_type,
            startDateTime: iso(row.schedule_start_date_time),
            endDateTime: iso(row.schedule_end_date_time),
            duration: row.schedule_duration,
          },
  };
}

async function answer(request, response, requestId) {
  const route = ROUTE.exec(request.url);
  if (!route) {
    return sendError(
      response,
      400,
      'BadRequest',
      'Resource not found.',
      requestId,
    );
  }
  let claims;
  try {
    const token = /^Bearer (.+)$/i.exec(
      request.headers.authorization ?? '',
    )?.[1];
    claims = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      audience: AUDIENCES,
      clockTolerance: 60,
    });
  } catch {
    return sendError(
      response,
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure.',
      requestId,
    );
  }
  if (!claims.scp?.split(' ').includes(READ_WRITE)) {
    return sendError(
      response,
      403,
      'UnauthorizedAccessException',
      'Attempted to perform an unauthorized operation.',
      requestId,
    );
  }
  const id = route[1].toLowerCase();
  if (route[2] && request.method === 'POST') {
    if (await store.cancel(claims.tid, id, claims.oid, requestId)) {
      return response.writeHead(204).end();
    }
    return (await store.exists(claims.tid, id))
      ? sendError(
          response,
          400,
          'RequestCannotBeCancelled',
          'Only requests in status of Granted, PendingApproval, PendingApprovalProvisioning and PendingAdminDecision can be cancelled.',
          requestId,
        )
      : sendError(
          response,
          400,
          'RoleAssignmentRequestNotFound',
          'The governanceRoleAssignmentRequest does not exist in system.',
          requestId,
        );
  }
  const row = await store.get(claims.tid, id);
  if (!row) {
    return sendError(
      response,
      400,
      'RoleAssignmentRequestNotFound',
      'The governanceRoleAssignmentRequest does not exist in system.',
      requestId,
    );
  }
  response
    .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(toGraph(row)));
}

createServer((request, response) => {
  const requestId = randomUUID();
  response.setHeader('request-id', requestId);
  response.setHeader('client-request-id', requestId);
  request.resume();
  request.on('end', () => {
    answer(request, response, requestId).catch(() =>
      sendError(response, 500, 'generalException', 'Unexpected.', requestId),
    );
  });
}).listen(Number(PORT), '127.0.0.1');
