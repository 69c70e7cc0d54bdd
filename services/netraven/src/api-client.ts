/** Where the operator commands find NetRaven: `--url`, else NETRAVEN_URL, else the default address. */
export const DEFAULT_GRAPHQL_URL = 'http://127.0.0.1:4000/graphql';

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** A GraphQL client of a running NetRaven, authenticated with NETRAVEN_TOKEN (an access token or an `nrv_` API token). */
export class NetRavenApi {
  constructor(readonly url: string, private readonly token: string | undefined) {}

  static fromEnvironment(urlOption: string | undefined): NetRavenApi {
    return new NetRavenApi(urlOption ?? process.env.NETRAVEN_URL ?? DEFAULT_GRAPHQL_URL, process.env.NETRAVEN_TOKEN || undefined);
  }

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ApiError(`cannot reach NetRaven at ${this.url}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}`, 'UNREACHABLE');
    }
    const text = await response.text();
    let body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new ApiError(`NetRaven at ${this.url} answered ${response.status}: ${text.slice(0, 200)}`, undefined);
    }
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const hint = code === 'UNAUTHENTICATED' ? ' (set NETRAVEN_TOKEN to an access token or an API token)' : '';
      throw new ApiError(`${code ?? 'ERROR'}: ${first.message}${hint}`, code);
    }
    if (!body.data) throw new ApiError(`NetRaven answered ${response.status} without data`, undefined);
    return body.data;
  }
}

/** Progress on stderr: a bar redrawn in place on a terminal, plain lines (every 10 %) otherwise. */
export class Progress {
  private lastShown = -1;
  constructor(private readonly label: string, private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(done: number): void {
    if (this.stream.isTTY) {
      const width = 30;
      const filled = this.total === 0 ? width : Math.round((done / this.total) * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}`);
      if (done >= this.total) this.stream.write('\n');
      return;
    }
    const tenth = this.total === 0 ? 10 : Math.floor((done / this.total) * 10);
    if (tenth > this.lastShown) {
      this.lastShown = tenth;
      this.stream.write(`${this.label}: ${done}/${this.total} rows\n`);
    }
  }
}
