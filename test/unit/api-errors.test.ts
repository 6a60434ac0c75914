import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseErrorBody } from '../../main/services/http/api-errors';

describe('API error bodies (contract §9.1)', () => {
  it('reads a string detail, a FastAPI list, the 2026 envelope, and raw text', () => {
    expect(parseErrorBody('{"detail":"Workspace not found"}')).toEqual({ message: 'Workspace not found', issues: [] });
    expect(parseErrorBody('{"detail":[{"loc":["body","allowed_origin"],"msg":"field required","type":"value_error.missing"}]}')).toEqual({
      message: 'allowed_origin: field required',
      issues: [{ path: 'allowed_origin', message: 'field required' }],
    });
    expect(parseErrorBody('{"message":"Validation failed","errors":[{"field":"name","message":"too long"}]}')).toEqual({
      message: 'Validation failed',
      issues: [{ path: 'name', message: 'too long' }],
    });
    expect(parseErrorBody('<html>Bad Gateway</html>').message).toBe('<html>Bad Gateway</html>');
    expect(parseErrorBody('x'.repeat(900)).message).toHaveLength(500);
  });

  it('maps statuses to typed, retryable-or-not errors', () => {
    expect(errorFromResponse(404, '{"detail":"Source not found"}', 'discovering')).toMatchObject({ code: 'not_found', retryable: false, message: 'Not found (discovering, HTTP 404): Source not found' });
    expect(errorFromResponse(429, '{"detail":"Too Many Requests"}', 'x')).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(errorFromResponse(503, '', 'x')).toMatchObject({ code: 'server', retryable: true });
    expect(errorFromResponse(409, '{"detail":"Workspace name already in use"}', 'x').code).toBe('conflict');
    expect(errorFromResponse(422, '{"detail":[{"loc":["body","name"],"msg":"bad","type":"x"}]}', 'x')).toMatchObject({ code: 'validation', issues: [{ path: 'name' }] });
  });

  it('never repeats a token an API echoes back', () => {
    const echoed = errorFromResponse(400, '{"detail":"bad header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig"}', 'x');
    expect(echoed.message).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(echoed.message).toContain('Bearer $TOKEN');
  });
});
