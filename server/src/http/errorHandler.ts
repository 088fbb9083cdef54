import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, notFound } from '../errors';
import type { Logger } from '../logger';

/** Every error leaves as JSON with a stable code; a 500 is a bug and is logged as one. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err?.type === 'entity.too.large') e = new AppError('payload_too_large', 'The request body is over 100 kB.', 413);
    else if (err?.type === 'entity.parse.failed') {
      e = new AppError('validation', 'The body is not valid JSON.', 400, [{ field: 'body', message: 'not valid JSON' }]);
    } else if (err?.type === 'charset.unsupported' || err?.type === 'encoding.unsupported') {
      e = new AppError('validation', 'Unsupported body encoding.', 415, [{ field: 'body', message: 'unsupported encoding' }]);
    } else if (typeof err?.code === 'string' && /^(Z_|ERR__|ERR_BROTLI|ERR_ZLIB)/.test(err.code)) {
      // zlib or brotli could not inflate a body sent with Content-Encoding.
      e = new AppError('validation', 'The body could not be decompressed.', 400, [{ field: 'body', message: 'corrupt Content-Encoding' }]);
    } else if (
      err?.name === 'SequelizeConnectionError' ||
      err?.name === 'SequelizeConnectionAcquireTimeoutError' ||
      err?.name === 'SequelizeConnectionRefusedError'
    ) {
      logger.warn({ err, requestId: res.locals.requestId }, 'database unavailable');
      e = new AppError('unavailable', 'The database is not reachable; try again shortly.', 503);
    } else {
      logger.error({ err, requestId: res.locals.requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
      e = new AppError('internal', 'Something went wrong on our side.', 500);
    }
    if (res.headersSent) return;
    if (e.headers) res.set(e.headers);
    res.status(e.status).json(e.toJSON());
  };
}

export const apiNotFound: RequestHandler = (req) => {
  throw notFound(`Route ${req.method} ${req.path}`);
};
