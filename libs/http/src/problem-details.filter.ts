import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '#event-store';
import { DomainError, type DomainErrorCategory } from '#shared-kernel';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details.js';
import { InvalidIfMatchException } from './etag.js';
import { RequestValidationException } from './validation.js';

const STATUS_BY_CATEGORY: Record<DomainErrorCategory, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  conflict: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Body-parser errors carry a `type`; they happen before routing, for malformed or oversized bodies. */
interface BodyParserError {
  type: string;
  status: number;
}

/** Every error becomes a problem document; nothing internal (stack, SQL, file paths) reaches the caller. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception, request), instance: request.originalUrl.split('?')[0] };
    if (problem.status >= 500) {
      this.logger.error(`${request.method} ${problem.instance} failed: ${(exception as Error)?.message}`, (exception as Error)?.stack);
    }
    if (response.headersSent) return;
    // RFC 9110: a 401 names the scheme that would be accepted.
    if (problem.status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer realm="UnionCase"');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof DomainError) {
      // Details are extension members: they never replace the standard ones (a detail named `status` once did).
      return {
        ...exception.details,
        type: problemType(exception.code),
        title: exception.message,
        status: STATUS_BY_CATEGORY[exception.category],
        code: exception.code,
        ...(exception.problems.length ? { errors: [...exception.problems] } : {}),
      };
    }
    if (exception instanceof WrongExpectedRevisionError) {
      const pinned = request.header('if-match') !== undefined;
      return {
        type: problemType(pinned ? 'PRECONDITION_FAILED' : 'CONCURRENT_CHANGE'),
        title: pinned
          ? 'The record changed since you read it: reload it and try again'
          : 'Another change to the same records was made at the same time: try again',
        status: pinned ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
        code: pinned ? 'PRECONDITION_FAILED' : 'CONCURRENT_CHANGE',
        ...(exception.actual !== undefined ? { currentETag: `"${exception.actual}"` } : {}),
      };
    }
    if (exception instanceof RequestValidationException) {
      return {
        type: problemType('VALIDATION_FAILED'),
        title: 'The request has invalid fields',
        status: HttpStatus.BAD_REQUEST,
        code: 'VALIDATION_FAILED',
        errors: exception.problems,
      };
    }
    if (exception instanceof InvalidIfMatchException) {
      return {
        type: problemType('IF_MATCH_INVALID'),
        title: exception.message,
        status: HttpStatus.BAD_REQUEST,
        code: 'IF_MATCH_INVALID',
        errors: [{ field: 'If-Match', reason: exception.message }],
      };
    }
    if (exception instanceof EventStoreUnavailableError) {
      return {
        type: problemType('STORE_UNAVAILABLE'),
        title: 'The event store cannot be reached; nothing was saved. Try again shortly.',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'STORE_UNAVAILABLE',
      };
    }
    const parserError = bodyParserErrorOf(exception);
    if (parserError) {
      const tooLarge = parserError.type === 'entity.too.large';
      return {
        type: problemType(tooLarge ? 'BODY_TOO_LARGE' : 'BODY_MALFORMED'),
        title: tooLarge ? 'The request body is too large' : 'The request body is not valid JSON',
        status: parserError.status,
        code: tooLarge ? 'BODY_TOO_LARGE' : 'BODY_MALFORMED',
        errors: [{ field: 'body', reason: tooLarge ? 'exceeds the size limit' : 'could not be parsed as JSON' }],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = (HttpStatus[status] as string | undefined) ?? 'HTTP_ERROR';
      return { type: problemType(code), title: exception.message, status, code };
    }
    return {
      type: problemType('INTERNAL_ERROR'),
      title: 'Something went wrong on our side; it has been logged',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
    };
  }
}

/** Nest's Express adapter wraps body-parser's errors in an HttpException whose cause is the original. */
function bodyParserErrorOf(exception: unknown): BodyParserError | undefined {
  for (const candidate of [exception, (exception as { cause?: unknown })?.cause] as Partial<BodyParserError>[]) {
    if (typeof candidate?.type === 'string' && typeof candidate.status === 'number' && candidate.type.startsWith('entity.')) {
      return candidate as BodyParserError;
    }
  }
  return undefined;
}
