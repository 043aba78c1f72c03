/**
 * Names for PostgreSQL's prepared statements: one per statement text, for the first `capacity`
 * texts the process runs. A named statement is parsed and planned once per connection instead
 * of on every call, which more than doubled the cancels a second on PostgreSQL
 * (bench/README.md). Every value is bound, so the texts are the statements' shapes, and the hot
 * ones come first; the cap keeps texts made of clients' `$filter`s from piling up prepared
 * statements in every connection: past it, texts run unnamed, as before.
 */
export class PreparedStatementNames {
  private readonly names = new Map<string, string>();
  private issued = 0;

  constructor(private readonly capacity: number) {}

  /** The name of a text's prepared statement; none once `capacity` texts have one. */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.capacity) {
      this.issued += 1;
      name = `pim_${this.issued}`;
      this.names.set(text, name);
    }
    return name;
  }

  /** Whether a text has a name now (without giving it one). */
  isNamed(text: string): boolean {
    return this.names.has(text);
  }

  /**
   * Forgets a text's name, so that it is prepared afresh under a new one: for a statement whose
   * tables changed under it (a migration of another replica), which PostgreSQL then refuses.
   */
  forget(text: string): void {
    this.names.delete(text);
  }
}
