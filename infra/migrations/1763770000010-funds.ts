import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funds read models, for the auditors (经审) and the approval queue: funds with their pools, one ledger row per
 * event of a fund's stream (reservations and releases too, which move the reserved amount but not the balance),
 * aid programmes, aid grants with the events behind each, and each unit's approval threshold. Of a recipient's
 * personal data only a worker's name is kept, for display, and it is set to NULL when the person is erased; a
 * hardship-file grant shows the name the hardship register holds. Amounts are integer fen.
 */
export class Funds1763770000010 implements MigrationInterface {
  name = 'Funds1763770000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model.funds (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        source text NOT NULL,
        name text NOT NULL,
        opened_on date NOT NULL,
        balance_fen bigint NOT NULL DEFAULT 0,
        reserved_fen bigint NOT NULL DEFAULT 0,
        available_fen bigint GENERATED ALWAYS AS (balance_fen - reserved_fen) STORED,
        -- { "general": { "balanceFen": 0, "reservedFen": 0 }, "purpose:golden_autumn_education": { ... } }
        pools jsonb NOT NULL DEFAULT '{}',
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX funds_unit ON read_model.funds (unit_id, source)`);
    await queryRunner.query(`
      CREATE TABLE read_model.fund_ledger (
        fund_id uuid NOT NULL,
        revision bigint NOT NULL,
        position text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        value_date date NOT NULL,
        actor text NOT NULL,
        kind text NOT NULL,
        amount_fen bigint NOT NULL,
        reserved_change_fen bigint NOT NULL,
        balance_after_fen bigint NOT NULL,
        reserved_after_fen bigint NOT NULL,
        pool text,
        grant_id uuid,
        programme_id uuid,
        reference text,
        counterpart text,
        description text,
        PRIMARY KEY (fund_id, revision)
      )`);
    await queryRunner.query(`CREATE INDEX fund_ledger_occurred ON read_model.fund_ledger (fund_id, occurred_at)`);
    await queryRunner.query(`CREATE INDEX fund_ledger_programme ON read_model.fund_ledger (programme_id, kind, value_date) WHERE programme_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE read_model.aid_programmes (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        year integer NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        household_cap_fen bigint NOT NULL,
        one_grant_per_household boolean NOT NULL,
        eligibility jsonb NOT NULL,
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        status text NOT NULL,
        closed_on date,
        established_event_id text NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX aid_programmes_unit ON read_model.aid_programmes (unit_id, year)`);
    await queryRunner.query(`
      CREATE TABLE read_model.aid_grants (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        programme_kind text NOT NULL,
        fund_id uuid NOT NULL,
        recipient_kind text NOT NULL,
        file_id uuid,
        person_id uuid NOT NULL,
        recipient_name text,
        personal_data_erased boolean NOT NULL DEFAULT false,
        household_key text NOT NULL,
        amount_fen bigint NOT NULL,
        threshold_fen bigint NOT NULL,
        admission_level text,
        admission_school text,
        status text NOT NULL,
        proposed_by text NOT NULL,
        proposed_on date NOT NULL,
        proposed_at timestamptz NOT NULL,
        proposed_event_id text NOT NULL,
        approval text,
        approved_by text,
        approved_on date,
        approved_at timestamptz,
        approved_event_id text,
        pool text,
        rejection_reason text,
        rejected_on date,
        rejected_event_id text,
        paid_on date,
        method text,
        receipt_reference text,
        in_kind_description text,
        disbursed_by text,
        disbursed_at timestamptz,
        disbursed_event_id text,
        disbursed_position text,
        revocation_reason text,
        revoked_on date,
        revoked_event_id text,
        reversal_reason text,
        reversed_on date,
        reversed_event_id text,
        -- [{ "eventId", "type", "revision", "position", "occurredAt", "actor" }], oldest first
        events jsonb NOT NULL,
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT erased_means_no_recipient_name CHECK (NOT personal_data_erased OR recipient_name IS NULL)
      )`);
    await queryRunner.query(`CREATE INDEX aid_grants_unit_status ON read_model.aid_grants (unit_id, status)`);
    await queryRunner.query(`CREATE INDEX aid_grants_paid ON read_model.aid_grants (paid_on) WHERE paid_on IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX aid_grants_programme ON read_model.aid_grants (programme_id)`);
    await queryRunner.query(`CREATE INDEX aid_grants_fund ON read_model.aid_grants (fund_id)`);
    await queryRunner.query(`CREATE INDEX aid_grants_file ON read_model.aid_grants (file_id) WHERE file_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX aid_grants_person ON read_model.aid_grants (person_id)`);
    await queryRunner.query(`
      CREATE TABLE read_model.aid_policies (
        unit_id uuid PRIMARY KEY,
        threshold_fen bigint NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        event_id text NOT NULL,
        revision bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['aid_policies', 'aid_grants', 'aid_programmes', 'fund_ledger', 'funds']) {
      await queryRunner.query(`DROP TABLE read_model.${table}`);
    }
  }
}
