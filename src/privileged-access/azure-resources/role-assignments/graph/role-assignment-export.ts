/**
 * The file `GET …/roleAssignments/export` answers, as Graph documents it: CSV, its header first,
 * one assignment a line, each line ending with CRLF, behind a UTF-8 byte order mark so that
 * spreadsheets read it as UTF-8.
 */
export const EXPORT_COLUMNS = [
  'Assignment Level',
  'User Group Name',
  'Role Name',
  'Email',
  'Assignment Type',
  'Assignment Start Time (UTC)',
  'Assignment End Time (UTC)',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';

/** An assignment in Graph's JSON, its resource, role definition and subject expanded. */
type ExpandedAssignment = Record<string, unknown>;

/** The lines of the export, the header first, without line ends. */
export function exportLinesOf(
  assignments: readonly ExpandedAssignment[],
): string[] {
  return [
    EXPORT_COLUMNS.map(csvField).join(','),
    ...assignments.map((assignment) =>
      [
        related(assignment, 'resource', 'type'),
        related(assignment, 'subject', 'displayName'),
        related(assignment, 'roleDefinition', 'displayName'),
        related(assignment, 'subject', 'email'),
        assignment.assignmentState,
        assignment.startDateTime,
        assignment.endDateTime,
      ]
        .map((value) => csvField(typeof value === 'string' ? value : ''))
        .join(','),
    ),
  ];
}

/** The export as the file's text. */
export function exportFileOf(lines: readonly string[]): string {
  return `${BYTE_ORDER_MARK}${lines.map((line) => `${line}\r\n`).join('')}`;
}

function related(
  assignment: ExpandedAssignment,
  navigation: string,
  property: string,
): unknown {
  const entity = assignment[navigation] as Record<string, unknown> | null;
  return entity?.[property];
}

/**
 * One field, quoted when it holds a comma, a quote or a line end (RFC 4180). A display name is
 * anyone's text: one that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a
 * carriage return first) is given a leading `'`, which shows it as text (OWASP's advice).
 */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
