/** Who did something, and from where: every audit event and every webhook names one. */
export interface Actor {
  type: 'operator' | 'partner' | 'user' | 'system';
  id: string;
  sourceIp?: string;
}

/** The actor of changes the service makes itself (the scheduled check, the stream consumer). */
export const systemActor = (id: string): Actor => ({ type: 'system', id });

/** How an actor is named outside the service (webhooks): never its source address. */
export type ActorRef = { type: Actor['type']; id: string };
export const actorRef = (actor: Actor): ActorRef => ({ type: actor.type, id: actor.id });
