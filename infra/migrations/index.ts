import { EventStore1763770000000 } from './1763770000000-event-store.js';
import { Projections1763770000001 } from './1763770000001-projections.js';
import { OrganizingReadModel1763770000002 } from './1763770000002-organizing-read-model.js';
import { Identity1763770000003 } from './1763770000003-identity.js';
import { EventMoves1763770000004 } from './1763770000004-event-moves.js';

/** Every migration, oldest first. Listed by hand so the ESM build needs no glob loading. */
export const migrations = [EventStore1763770000000, Projections1763770000001, OrganizingReadModel1763770000002, Identity1763770000003, EventMoves1763770000004];
