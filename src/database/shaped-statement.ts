/** A statement's text and the values its placeholders take, in order. */
export interface BoundStatement {
  readonly text: string;
  readonly parameters: unknown[];
}

/** The placeholder of the next value, in the order the values list them. */
export type NextPlaceholder = () => string;

export interface StatementShape<I> {
  /** What the text depends on (which conditions apply, how long a list is), never a value. */
  readonly shapeOf: (input: I) => string;
  /**
   * The text for the input's shape, with one `next()` per value, asked for in the order `values`
   * lists them (wherever each lands in the text).
   */
  readonly write: (input: I, next: NextPlaceholder) => string;
  /** The values of the input, in the order `write` asks for their placeholders. */
  readonly values: (input: I) => unknown[];
}

/**
 * A statement whose text depends on the shape of a call and not on its values, written once
 * per shape: on a hot path (the cancel's UPDATE) writing the text cost more than binding it.
 * A text whose placeholders do not match its values in number is refused when first written.
 */
export class ShapedStatement<I> {
  private readonly written = new Map<string, WrittenText>();

  constructor(
    private readonly placeholder: (index: number) => string,
    private readonly shape: StatementShape<I>,
  ) {}

  of(input: I): BoundStatement {
    const values = this.shape.values(input);
    const key = this.shape.shapeOf(input);
    let written = this.written.get(key);
    if (written === undefined) {
      written = this.writeText(input, key, values.length);
      this.written.set(key, written);
    }
    return {
      text: written.text,
      parameters: written.valueAt.map((index) => values[index]),
    };
  }

  /**
   * Writes the text with a marker for each value, then numbers the placeholders in the order
   * they appear in it, as SQLite's positional ones must be.
   */
  private writeText(input: I, key: string, valueCount: number): WrittenText {
    let asked = 0;
    const marked = this.shape.write(input, () => `⟨${asked++}⟩`);
    if (asked !== valueCount) {
      throw new Error(
        `The statement of shape '${key}' has ${asked} placeholders for ${valueCount} values.`,
      );
    }
    const valueAt: number[] = [];
    const text = marked.replace(/⟨(\d+)⟩/g, (_marker, index) => {
      valueAt.push(Number(index));
      return this.placeholder(valueAt.length - 1);
    });
    return { text, valueAt };
  }
}

interface WrittenText {
  readonly text: string;
  /** For each placeholder of the text, in order, the index of its value. */
  readonly valueAt: readonly number[];
}
