// The bare reference: plain node:http doing the service's essential work for the benchmarked
// routes (verify the same HS256 token, run the same SQL on the same kind of database, answer
// the same JSON), with nothing else. The service's figures are printed as ratios to this.
// The list route understands only what the `list` scenario sends: `$filter=status/subStatus eq
// '…' and resourceId eq '…'`, `$top` and `$skiptoken`, the order being the default (by id).
// DATABASE_FILE: a SQLite file (better-sqlite3); DATABASE_URL: PostgreSQL (pg, a pool of 10).
import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import pg from 'pg';
// The better-sqlite3 build the service runs on this Node.js: the two compare like for like.
import { SqliteDatabase } from '../dist/database/sqlite-driver.js';
import { MAY_ACT, mayActValues, numbered } from './statements.mjs';

const {
  PORT,
  DATABASE_FILE,
  DATABASE_URL,
  DATABASE_SCHEMA,
  AUTH_JWT_SECRET,
  AUTH_AUDIENCE,
} = process.env;
const AUDIENCES = [AUTH_AUDIENCE];
const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';
const ROUTE =
  /^\/beta\/privilegedAccess\/azureResources\/roleAssignmentRequests\/([^/?]+)(\/cancel)?$/;
const LIST_ROUTE =
  /^\/beta\/privilegedAccess\/azureResources\/roleAssignmentRequests(?:\?(.*))?$/;
const LIST_FILTER =
  /^status\/subStatus eq '([A-Za-z]+)' and resourceId eq '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'$/i;
const LIST_OPTIONS = new Set(['$filter', '$top', '$skiptoken']);
/** The order of a list without `$orderby`, as the service's keyset tokens name it. */
const LIST_ORDER = 'id asc';
const PAGING_OPTIONS = /^\$?(skip|skiptoken)$/i;
const HOST_PATTERN = /^[a-z0-9.\-[\]:]{1,255}$/i;
const CANCELLABLE = [
  'Granted',
  'PendingApproval',
  'PendingApprovalProvisioning',
  'PendingAdminDecision',
];

/**
 * The list's SELECT, as the service's entity-set reader writes it: the tenant, the filter, the
 * keyset condition of a `$skiptoken`, `ORDER BY id`, `LIMIT $top + 1`.
 */
const LIST_SQL = (parameter, after) =>
  `SELECT * FROM role_assignment_requests
    WHERE tenant_id = ${parameter(1)} AND (sub_status = ${parameter(2)} AND resource_id = ${parameter(3)})${after ? ` AND ((id > ${parameter(4)}))` : ''}
    ORDER BY id ASC LIMIT`;

const sqliteInstant = (date) =>
  date.toISOString().replace('T', ' ').slice(0, 23);

/** The cancel's UPDATE and audit INSERT, the access check, the GET and the list, per database. */
function sqliteStore(file) {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const cancelStatement = db.prepare(`UPDATE role_assignment_requests
      SET previous_sub_status = sub_status, status = ?, sub_status = ?
    WHERE id = ? AND tenant_id = ? AND sub_status IN (?, ?, ?, ?) AND ${MAY_ACT(() => '?')}
    RETURNING previous_sub_status`);
  // The audit record's place among its request's changes: the service reads it, then inserts.
  const lastSequenceStatement = db.prepare(
    `SELECT COALESCE(MAX(sequence), 0) AS sequence
       FROM role_assignment_request_audit_events WHERE tenant_id = ? AND request_id = ?`,
  );
  const auditStatement =
    db.prepare(`INSERT INTO role_assignment_request_audit_events
    (id, tenant_id, request_id, action, actor_id, actor_type, occurred_date_time,
     from_sub_status, to_sub_status, http_request_id, client_request_id, sequence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const accessStatement = db.prepare(
    `SELECT CASE WHEN ${MAY_ACT(() => '?')} THEN 1 ELSE 0 END AS allowed
       FROM role_assignment_requests WHERE tenant_id = ? AND id = ?`,
  );
  const getStatement = db.prepare(
    'SELECT * FROM role_assignment_requests WHERE tenant_id = ? AND id = ?',
  );
  const firstPageStatement = db.prepare(`${LIST_SQL(() => '?', false)} ?`);
  const nextPageStatement = db.prepare(`${LIST_SQL(() => '?', true)} ?`);
  const cancelTransaction = db.transaction(
    (tenantId, id, actorId, requestId) => {
      const now = new Date();
      const row = cancelStatement.get(
        'Closed',
        'Canceled',
        id,
        tenantId,
        ...CANCELLABLE,
        ...mayActValues(actorId, sqliteInstant(now)),
      );
      if (row) {
        const last = lastSequenceStatement.get(tenantId, id);
        auditStatement.run(
          randomUUID(),
          tenantId,
          id,
          'Cancel',
          actorId,
          'User',
          sqliteInstant(now),
          row.previous_sub_status,
          'Canceled',
          requestId,
          requestId,
          Number(last.sequence) + 1,
        );
      }
      return row !== undefined;
    },
  );
  return {
    cancel: async (...args) => cancelTransaction(...args),
    access: async (tenantId, id, userId) => {
      const row = accessStatement.get(
        ...mayActValues(userId, sqliteInstant(new Date())),
        tenantId,
        id,
      );
      return row === undefined
        ? 'none'
        : row.allowed === 1
          ? 'allowed'
          : 'denied';
    },
    get: async (tenantId, id) => getStatement.get(tenantId, id),
    list: async (tenantId, subStatus, resourceId, after, limit) =>
      after === undefined
        ? firstPageStatement.all(tenantId, subStatus, resourceId, limit)
        : nextPageStatement.all(tenantId, subStatus, resourceId, after, limit),
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
        const now = new Date();
        const { rows } = await client.query(
          `UPDATE role_assignment_requests
              SET previous_sub_status = sub_status, status = $1, sub_status = $2
            WHERE id = $3 AND tenant_id = $4 AND sub_status IN ($5, $6, $7, $8)
              AND ${MAY_ACT(numbered(9))}
            RETURNING previous_sub_status`,
          [
            'Closed',
            'Canceled',
            id,
            tenantId,
            ...CANCELLABLE,
            ...mayActValues(actorId, now),
          ],
        );
        if (rows[0]) {
          const { rows: last } = await client.query(
            `SELECT COALESCE(MAX(sequence), 0) AS sequence
               FROM role_assignment_request_audit_events WHERE tenant_id = $1 AND request_id = $2`,
            [tenantId, id],
          );
          await client.query(
            `INSERT INTO role_assignment_request_audit_events
              (id, tenant_id, request_id, action, actor_id, actor_type, occurred_date_time,
               from_sub_status, to_sub_status, http_request_id, client_request_id, sequence)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [
              randomUUID(),
              tenantId,
              id,
              'Cancel',
              actorId,
              'User',
              now,
              rows[0].previous_sub_status,
              'Canceled',
              requestId,
              requestId,
              Number(last[0].sequence) + 1,
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
    async access(tenantId, id, userId) {
      const { rows } = await pool.query(
        `SELECT CASE WHEN ${MAY_ACT(numbered(1))} THEN 1 ELSE 0 END AS allowed
           FROM role_assignment_requests WHERE tenant_id = $9 AND id = $10`,
        [...mayActValues(userId, new Date()), tenantId, id],
      );
      return rows.length === 0
        ? 'none'
        : rows[0].allowed === 1
          ? 'allowed'
          : 'denied';
    },
    async get(tenantId, id) {
      const { rows } = await pool.query(
        'SELECT * FROM role_assignment_requests WHERE tenant_id = $1 AND id = $2',
        [tenantId, id],
      );
      return rows[0];
    },
    async list(tenantId, subStatus, resourceId, after, limit) {
      // The service's query builder writes the LIMIT as a literal: so does this.
      const { rows } = await pool.query(
        `${LIST_SQL((index) => `$${index}`, after !== undefined)} ${Number(limit)}`,
        after === undefined
          ? [tenantId, subStatus, resourceId]
          : [tenantId, subStatus, resourceId, after],
      );
      return rows;
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

/** A request in the Graph shape; without `context` (a list's item), JSON.stringify omits the key. */
function toGraph(row, context) {
  const iso = (value) => store.instant(value)?.toISOString() ?? null;
  return {
    '@odata.context': context,
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

/**
 * `GET …/roleAssignmentRequests?$filter=…&$top=…&$skiptoken=…`: the page, and the request's URL
 * with the next `$skiptoken` (and no `$skip`) as `@odata.nextLink` when more rows follow.
 */
async function answerList(request, response, requestId, tenantId, query) {
  const parameters = new URLSearchParams(query);
  const unknown = [...parameters.keys()].find(
    (name) => !LIST_OPTIONS.has(name),
  );
  const filter = LIST_FILTER.exec(parameters.get('$filter') ?? '');
  const top = Number(parameters.get('$top') ?? 100);
  if (unknown || !filter || !Number.isInteger(top) || top < 1 || top > 999) {
    return sendError(
      response,
      400,
      'BadRequest',
      'Only $filter=status/subStatus eq … and resourceId eq …, $top and $skiptoken are supported here.',
      requestId,
    );
  }
  let after;
  if (parameters.has('$skiptoken')) {
    let decoded;
    try {
      decoded = JSON.parse(
        Buffer.from(parameters.get('$skiptoken'), 'base64url').toString('utf8'),
      );
    } catch {
      decoded = undefined;
    }
    if (
      decoded?.order !== LIST_ORDER ||
      !Array.isArray(decoded.key) ||
      decoded.key.length !== 1 ||
      typeof decoded.key[0] !== 'string'
    ) {
      return sendError(
        response,
        400,
        'BadRequest',
        'The $skiptoken is not valid for this request: use the @odata.nextLink of the previous page as given.',
        requestId,
      );
    }
    after = decoded.key[0];
  }
  const rows = await store.list(
    tenantId,
    filter[1],
    filter[2].toLowerCase(),
    after,
    top + 1,
  );
  const host = request.headers.host;
  const base = `http://${host && HOST_PATTERN.test(host) ? host : 'localhost'}`;
  const page = rows.slice(0, top);
  const body = {
    '@odata.context': `${base}/beta/$metadata#governanceRoleAssignmentRequests`,
  };
  if (rows.length > top) {
    const token = Buffer.from(
      JSON.stringify({ order: LIST_ORDER, key: [page.at(-1).id] }),
    ).toString('base64url');
    const kept = query
      .split('&')
      .filter(
        (pair) => pair !== '' && !PAGING_OPTIONS.test(pair.split('=')[0]),
      );
    body['@odata.nextLink'] =
      `${base}${request.url.split('?')[0]}?${[...kept, `$skiptoken=${token}`].join('&')}`;
  }
  body.value = page.map((row) => toGraph(row));
  response
    .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}

async function answer(request, response, requestId) {
  const list = request.method === 'GET' && LIST_ROUTE.exec(request.url);
  const route = !list && ROUTE.exec(request.url);
  if (!list && !route) {
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
  if (list) {
    return answerList(request, response, requestId, claims.tid, list[1] ?? '');
  }
  const id = route[1].toLowerCase();
  if (route[2] && request.method === 'POST') {
    if (await store.cancel(claims.tid, id, claims.oid, requestId)) {
      return response.writeHead(204).end();
    }
    const access = await store.access(claims.tid, id, claims.oid);
    if (access === 'none') {
      return sendError(
        response,
        400,
        'RoleAssignmentRequestNotFound',
        'The governanceRoleAssignmentRequest does not exist in system.',
        requestId,
      );
    }
    return access === 'denied'
      ? sendError(
          response,
          403,
          'UnauthorizedAccessException',
          'Attempted to perform an unauthorized operation.',
          requestId,
        )
      : sendError(
          response,
          400,
          'RequestCannotBeCancelled',
          'Only requests in status of Granted, PendingApproval, PendingApprovalProvisioning and PendingAdminDecision can be cancelled.',
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
    .end(
      JSON.stringify(
        toGraph(
          row,
          'http://127.0.0.1/beta/$metadata#governanceRoleAssignmentRequests/$entity',
        ),
      ),
    );
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

// Exit on the harness's SIGINT the way the service does, so that --cpu-prof writes its profile.
process.once('SIGINT', () => process.exit(0));
