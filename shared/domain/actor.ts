/** Who did something, and from where: every audit event and every webhook names one. */
export interface Actor {
  type: 'operator' | 'partner' | 'partner_user' | 'user' | 'system' | 'customer_key';
  id: string;
  /** For a partner's person (R32): the partner they act for. */
  partnerId?: string;
  /** For a partner: the API key it called with (R23: who registered a device). */
  keyId?: string;
  /** Its name as it was, stored on audit events since R29: a partner's name, a user's display name, a customer key's name. */
  name?: string;
  /** For a user or a partner's person: how they signed in (R29: "its own users (which sign-in)", R32). */
  signIn?: 'email' | 'organization';
  sourceIp?: string;
}

/** The actor of changes the service makes itself (the scheduled check, the stream consumer). */
export const systemActor = (id: string): Actor => ({ type: 'system', id });

/** How an actor is named outside the service (webhooks): never its source address. */
export type ActorRef = { type: Actor['type']; id: string };
export const actorRef = (actor: Actor): ActorRef => ({ type: actor.type, id: actor.id });

/**
 * An actor as a customer reads it (API.md's `actor`: R23's "by whom", R29's audit): partners by
 * the key they called with, the tenant's own users and keys, operators, the service itself.
 */
export interface PublicActor {
  type: 'customer_user' | 'customer_key' | 'partner_key' | 'partner_user' | 'operator' | 'system';
  id?: string;
  name?: string;
}

export function publicActor(actor: Pick<Actor, 'type' | 'id' | 'keyId' | 'name'>, name = actor.name): PublicActor {
  const named = name ? { name } : {};
  switch (actor.type) {
    case 'partner':
      return { type: 'partner_key', ...(actor.keyId ? { id: actor.keyId } : {}), ...named };
    case 'user':
      return { type: 'customer_user', id: actor.id, ...named };
    case 'partner_user':
      return { type: 'partner_user', id: actor.id, ...named };
    case 'customer_key':
      return { type: 'customer_key', id: actor.id, ...named };
    case 'operator':
      return { type: 'operator', ...named };
    default:
      return { type: 'system', id: actor.id };
  }
}
