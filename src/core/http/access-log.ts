// The request log: one line per request, written when it is answered — method, URL (one-time tokens
// removed by the request serializer), who asked, the status and the time taken — instead of
// Fastify's two (one on arrival, one on completion). Half the log volume and half the per-request
// logging cost (serialising, redacting and a write to stdout each). What the arrival line told is
// in this one (the request as it came, and its id, which every other line of the request carries);
// what is lost is only the arrival of a request that is never answered.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
