// The bare reference: plain node:http doing the service's essential work for the benchmarked
// routes (verify the same HS256 token, run the same SQL on the same database file, answer the
// same JSON), with nothing else. The service's figures are printed as ratios to this.
import Database from 'better-sqlite3';
import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const { PORT, DATABASE_FILE, AUTH_JWT_SECRET } = process.env;
const AUDIENCES = [
  'https://graph.microsoft.com',
  '00000003-0000-0000-c000-000000000000',
];
const READ_WRITE = 'PrivilegedAccess.ReadWrite.AzureResources';
const ROUTE =
  /^\/beta\/privilegedAccess\/azureResources\/roleAssignmentRequests\/([^/?]+)(\/cancel)?$/;

const secret = createSecretKey(Buffer.from(AUTH_JWT_SECRET, 'utf8'));
const db = new Database(DATABASE_FILE);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
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
  'SELECT * FROM role_assignment_requests WHERE tenant_id = ? AND id = ? LIMIT 1',
);
const begin = db.prepare('BEGIN');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');

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

function cancel(claims, id, requestId) {
  begin.run();
  try {
    const row = cancelStatement.get(
      'Closed',
      'Canceled',
      id,
      claims.tid,
      'Granted',
      'PendingApproval',
      'PendingApprovalProvisioning',
      'PendingAdminDecision',
    );
    if (row) {
      auditStatement.run(
        randomUUID(),
        claims.tid,
        id,
        'Cancel',
        claims.oid,
        'User',
        new Date().toISOString().replace('T', ' ').slice(0, 23),
        row.previous_sub_status,
        'Canceled',
        requestId,
        requestId,
      );
    }
    commit.run();
    return row !== undefined;
  } catch (error) {
    rollback.run();
    throw error;
  }
}

function toGraph(row) {
  const iso = (value) =>
    value === null
      ? null
      : new Date(`${value.replace(' ', 'T')}Z`).toISOString();
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

createServer((request, response) => {
  const requestId = randomUUID();
  response.setHeader('request-id', requestId);
  response.setHeader('client-request-id', requestId);
  request.resume();
  request.on('end', () => {
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
      if (cancel(claims, id, requestId)) {
        return response.writeHead(204).end();
      }
      return existsStatement.get(claims.tid, id)
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
    const row = getStatement.get(claims.tid, id);
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
  });
}).listen(Number(PORT), '127.0.0.1');
