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

/**
 * The first line: without both variables, `${VAR:?message}` prints the one message and the shell
 * stops before any request (a non-interactive shell exits; an interactive one abandons the line, and
 * the `&&` chain means nothing after it runs either). Without it the mint went out with empty
 * credentials and the error answer ended up as the bearer token. It replaces a `#` comment, which
 * zsh does not accept at an interactive prompt (INTERACTIVE_COMMENTS is off by default).
 */
const NEEDS = 'set CLIENT_ID and CLIENT_SECRET first';
const GUARD = `: "\${CLIENT_ID:?${NEEDS}}" "\${CLIENT_SECRET:?${NEEDS}}"`;

/**
 * Pulls one string member out of a one-line JSON answer with sed (jq is not on every machine). `-n`
 * with `p` prints only a match: an error answer gives an empty variable, never itself.
 */
const member = (name: string) => `sed -nE ${literal(`s/.*"${name}" *: *"([^"]*)".*/\\1/p`)}`;

/** Stops the chain, with a sentence, when a mint gave no token (curl has said why on stderr). */
const present = (variable: string, what: string) => `: "\${${variable}:?the ${what} request failed, see the message above}"`;

// --fail-with-body: an HTTP error from a mint is reported by curl on stderr (its body still reaches
// sed, which finds no token in it), instead of passing silently.
const operatorMint = (tokenUrl: string) =>
  `TOKEN=$(curl -sS --fail-with-body -X POST ${literal(tokenUrl)} -H 'Content-Type: application/json' --data ${MINT_BODY} | ${member('access_token')}) && ${present('TOKEN', 'token')}`;

/**
 * "Copy as curl" that runs when pasted into bash or zsh: a guard line that needs CLIENT_ID and
 * CLIENT_SECRET in the environment, a mint of the token into a variable (a workspace call mints its
 * scoped token with it too), then the request with the bearer in double quotes so the variable
 * expands. The lines are one `&&` chain, so a failed step stops everything after it. Secret-looking
 * body members become `$NAME` placeholders.
 */
export function curlSnippet(method: string, url: string, options: { auth?: CurlAuth | undefined; body?: unknown }): string {
  const steps: string[] = [];
  const request = ['curl', '-sS', '-X', method, literal(url)];
  const isMint = options.auth === undefined && options.body !== undefined && typeof options.body === 'object' && options.body !== null && 'client_secret' in options.body;
  if (options.auth || isMint) steps.push(GUARD);
  if (options.auth) {
    steps.push(operatorMint(options.auth.tokenUrl));
    let bearer = '$TOKEN';
    if (options.auth.kind === 'scoped') {
      const body = JSON.stringify({ workspace_name: options.auth.workspaceName });
      steps.push(
        `SCOPED_TOKEN=$(curl -sS --fail-with-body -X POST ${literal(options.auth.scopedTokenUrl)} -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data ${literal(body)} | ${member('token')}) && ${present('SCOPED_TOKEN', 'workspace token')}`,
      );
      bearer = '$SCOPED_TOKEN';
    }
    request.push('-H', `"Authorization: Bearer ${bearer}"`);
  }
  if (isMint) {
    request.push('-H', literal('Content-Type: application/json'), '--data', MINT_BODY);
  } else if (options.body !== undefined) {
    request.push('-H', literal('Content-Type: application/json'), '--data', literal(JSON.stringify(redactJson(options.body))));
  }
  steps.push(request.join(' '));
  return steps.join(' && \\\n');
}
