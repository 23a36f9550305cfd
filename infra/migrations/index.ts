import { EventStore1763770000000 } from './1763770000000-event-store.js';
import { Projections1763770000001 } from './1763770000001-projections.js';
import { OrganizingReadModel1763770000002 } from './1763770000002-organizing-read-model.js';
import { Identity1763770000003 } from './1763770000003-identity.js';
import { PersonalData1763770000004 } from './1763770000004-personal-data.js';
import { Bargaining1763770000005 } from './1763770000005-bargaining.js';
import { Casework1763770000006 } from './1763770000006-casework.js';
import { Employment1763770000007 } from './1763770000007-employment.js';
import { EventMoves1763770000008 } from './1763770000008-event-moves.js';
import { AuditChain1763770000009 } from './1763770000009-audit-chain.js';
import { Funds1763770000010 } from './1763770000010-funds.js';
import { ProjectionVersions1763770000011 } from './1763770000011-projection-versions.js';
import { Statistics1763770000014 } from './1763770000014-statistics.js';
import { UnitTargets1763770000015 } from './1763770000015-unit-targets.js';
import { AppendNotifyAfterCommit1763770000016 } from './1763770000016-append-notify-after-commit.js';

/** Every migration, oldest first. Listed by hand so the ESM build needs no glob loading. */
export const migrations = [
  EventStore1763770000000,
  Projections1763770000001,
  OrganizingReadModel1763770000002,
  Identity1763770000003,
  PersonalData1763770000004,
  Bargaining1763770000005,
  Casework1763770000006,
  Employment1763770000007,
  EventMoves1763770000008,
  AuditChain1763770000009,
  Funds1763770000010,
  ProjectionVersions1763770000011,
  Statistics1763770000014,
  UnitTargets1763770000015,
  AppendNotifyAfterCommit1763770000016,
];
