import { redactJson } from './redaction';

/**
 * How a logged request was authenticated, so "Copy as curl" can mint the same kind of token itself:
 * an operator token from the profile's token URL, or a workspace (scoped) token minted with it.
 */
export type CurlAuth =
  | { kind: 'operator'; tokenUrl: string }
  | { kind: 'scoped'; tokenUrl: string; scopedTokenUrl: string; workspaceName: string };

/** Single quotes keep every character literal in bash and zsh; a quote inside is closed, escaped, reopened. */
const literal = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// The mint body needs $CLIENT_ID and $CLIENT_SECRET expanded, so it is double-quoted; nothing else in
// it can expand. The secret itself is never in the snippet: it is read from the environment.
const MINT_BODY = `"{\\"client_id\\":\\"$CLIENT_ID\\",\\"client_secret\\":\\"$CLIENT_SECRET\\"}"`;

/** Pulls one string member out of a one-line JSON answer with sed: jq is not on every machine. */
const member = (name: string) => `sed -E ${literal(`s/.*"${name}" *: *"([^"]*)".*/\\1/`)}`;

const operatorMint = (tokenUrl: string) =>
  `TOKEN=$(curl -sS -X POST ${literal(tokenUrl)} -H 'Content-Type: application/json' --data ${MINT_BODY} | ${member('access_token')})`;

/**
 * "Copy as curl" that runs when pasted into bash or zsh: a first line mints the token into a variable
 * from CLIENT_ID and CLIENT_SECRET taken from the environment (a workspace call mints its scoped token
 * with it too), then the request with the bearer in double quotes so the variable expands. Secret-looking
 * body members become `$NAME` placeholders.
 */
export function curlSnippet(method: string, url: string, options: { auth?: CurlAuth | undefined; body?: unknown }): string {
  const lines: string[] = [];
  const request = ['curl', '-X', method, literal(url)];
  const isMint = options.auth === undefined && options.body !== undefined && typeof options.body === 'object' && options.body !== null && 'client_secret' in options.body;
  if (options.auth) {
    lines.push('# Needs CLIENT_ID and CLIENT_SECRET in the environment.', operatorMint(options.auth.tokenUrl));
    let bearer = '$TOKEN';
    if (options.auth.kind === 'scoped') {
      const body = JSON.stringify({ workspace_name: options.auth.workspaceName });
      lines.push(
        `SCOPED_TOKEN=$(curl -sS -X POST ${literal(options.auth.scopedTokenUrl)} -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data ${literal(body)} | ${member('token')})`,
      );
      bearer = '$SCOPED_TOKEN';
    }
    request.push('-H', `"Authorization: Bearer ${bearer}"`);
  }
  if (isMint) {
    lines.unshift('# Needs CLIENT_ID and CLIENT_SECRET in the environment.');
    request.push('-H', literal('Content-Type: application/json'), '--data', MINT_BODY);
  } else if (options.body !== undefined) {
    request.push('-H', literal('Content-Type: application/json'), '--data', literal(JSON.stringify(redactJson(options.body))));
  }
  lines.push(request.join(' '));
  return lines.join('\n');
}
