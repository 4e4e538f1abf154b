namespace CityBrain.Storage.Postgres.Schema;

/// <summary>The schema of the shared database, step by step. A released step is never edited: a change is a new step
/// at the end, because databases that applied the old one will not apply it again.</summary>
/// <remarks>Text that is sorted or matched is <c>COLLATE "C"</c>: byte order, as SQLite compares, whatever locale the
/// server was initialised with. Times are <c>timestamptz</c>, so an operator reads them as times.</remarks>
public static class PostgresMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "raw journal", """
            CREATE TABLE raw_journal (
                -- Taken when the row is inserted; a device's entries come from one grain at a time, each awaited, so
                -- its positions increase in commit order even with several silos appending.
                position     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                device_id    text COLLATE "C" NOT NULL,
                sequence     bigint NOT NULL,
                district     text COLLATE "C" NOT NULL,
                window_start timestamptz NOT NULL,
                received_at  timestamptz NOT NULL,
                payload      bytea NOT NULL,
                CONSTRAINT raw_journal_sequence UNIQUE (device_id, sequence)
            );
            CREATE INDEX raw_journal_device ON raw_journal (device_id, position);
            CREATE INDEX raw_journal_window ON raw_journal (window_start);
            CREATE INDEX raw_journal_received ON raw_journal (received_at);
            """),
        new(2, "history points and hour shares", """
            CREATE TABLE history (
                scope      smallint NOT NULL,
                id         text COLLATE "C" NOT NULL,
                resolution smallint NOT NULL,
                metric     text COLLATE "C" NOT NULL,
                start      timestamptz NOT NULL,
                value      double precision,
                count      integer NOT NULL,
                rule_set   text,
                PRIMARY KEY (scope, id, resolution, metric, start)
            );
            CREATE INDEX history_age ON history (scope, resolution, start);
            CREATE TABLE hour_shares (
                scope  smallint NOT NULL,
                child  text COLLATE "C" NOT NULL,
                hour   timestamptz NOT NULL,
                metric text COLLATE "C" NOT NULL,
                parent text COLLATE "C" NOT NULL,
                sum    double precision NOT NULL,
                weight double precision NOT NULL,
                PRIMARY KEY (scope, child, hour, metric)
            );
            CREATE INDEX hour_shares_parent ON hour_shares (scope, parent, hour);
            """),
        new(3, "grain state", """
            -- Keyed by the storage's name as well: with SQLite each named storage had a file of its own.
            CREATE TABLE grain_state (
                storage    text COLLATE "C" NOT NULL,
                grain_id   text COLLATE "C" NOT NULL,
                state_name text COLLATE "C" NOT NULL,
                version    bigint NOT NULL,
                data       bytea NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (storage, grain_id, state_name)
            );
            """),
        new(4, "device credentials, dead letters and retained device messages", """
            CREATE TABLE device_credentials (
                device_id  text COLLATE "C" PRIMARY KEY,
                district   text NOT NULL,
                salt       bytea NOT NULL,
                hash       bytea NOT NULL,
                iterations integer NOT NULL,
                created_at timestamptz NOT NULL
            );
            CREATE TABLE dead_letters (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                received_at timestamptz NOT NULL,
                client_id   text NOT NULL,
                topic       text NOT NULL,
                kind        text NOT NULL,
                reason      text NOT NULL,
                payload     bytea NOT NULL
            );
            CREATE SEQUENCE retained_message_versions;
            CREATE TABLE retained_messages (
                topic      text COLLATE "C" PRIMARY KEY,
                payload    bytea NOT NULL,
                version    bigint NOT NULL UNIQUE,
                updated_at timestamptz NOT NULL
            );
            """),
        new(5, "credential rotation, revocation and change numbers", """
            -- Writers take a lock on the table before numbering a change, so change numbers become visible in order
            -- and a node reading "changes after N" never skips one committed late.
            CREATE SEQUENCE device_credential_changes;
            ALTER TABLE device_credentials
                ADD COLUMN rotated_at timestamptz,
                ADD COLUMN revoked_at timestamptz,
                ADD COLUMN change bigint NOT NULL DEFAULT 0;
            CREATE INDEX device_credentials_change ON device_credentials (change);
            CREATE INDEX device_credentials_district ON device_credentials (district, device_id);
            """),
        new(6, "users, API tokens, audit log and the data protection key ring", """
            CREATE TABLE users (
                name                text COLLATE "C" PRIMARY KEY,
                role                text NOT NULL,
                districts           text NOT NULL,
                disabled            boolean NOT NULL,
                salt                bytea NOT NULL,
                hash                bytea NOT NULL,
                iterations          integer NOT NULL,
                created_at          timestamptz NOT NULL,
                password_changed_at timestamptz NOT NULL
            );
            CREATE TABLE api_tokens (
                id          text COLLATE "C" PRIMARY KEY,
                secret_hash bytea NOT NULL UNIQUE,
                name        text NOT NULL,
                role        text NOT NULL,
                districts   text NOT NULL,
                created_at  timestamptz NOT NULL,
                expires_at  timestamptz NOT NULL,
                revoked_at  timestamptz
            );
            CREATE TABLE audit_log (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at           timestamptz NOT NULL,
                actor        text COLLATE "C",
                role         text,
                method       text NOT NULL,
                route        text NOT NULL,
                route_values text NOT NULL,
                status       integer NOT NULL,
                address      text
            );
            CREATE INDEX audit_log_at ON audit_log (at);
            CREATE TABLE data_protection_keys (
                name text COLLATE "C" PRIMARY KEY,
                xml  text NOT NULL
            );
            """),
        // SensorThings reads one device's reports by window, in either direction, a page at a time.
        new(7, "raw journal by device and window", """
            CREATE INDEX raw_journal_device_window ON raw_journal (device_id, window_start, sequence);
            """),
        new(8, "supervision cases and their trails", """
            CREATE TABLE cases (
                id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                group_key text COLLATE "C" NOT NULL,
                opened_at timestamptz NOT NULL,
                closed_at timestamptz,
                body      jsonb NOT NULL
            );
            CREATE INDEX cases_closed ON cases (closed_at);
            CREATE TABLE case_steps (
                case_id  bigint NOT NULL REFERENCES cases (id),
                sequence integer NOT NULL,
                body     jsonb NOT NULL,
                PRIMARY KEY (case_id, sequence)
            );
            """),
        new(9, "archived bulletins", """
            CREATE TABLE bulletins (
                region_id    text COLLATE "C" NOT NULL,
                kind         text COLLATE "C" NOT NULL,
                period_start date NOT NULL,
                language     text COLLATE "C" NOT NULL,
                generated_at timestamptz NOT NULL,
                model_json   text NOT NULL,
                pdf          bytea NOT NULL,
                PRIMARY KEY (region_id, kind, period_start, language)
            );
            """),
        new(10, "notification outbox", """
            CREATE TABLE notifications (
                recipient_id    text COLLATE "C" NOT NULL,
                key             text COLLATE "C" NOT NULL,
                severity        text NOT NULL,
                title           text NOT NULL,
                text            text NOT NULL,
                link            text,
                state           text NOT NULL,
                attempts        integer NOT NULL,
                created_at      timestamptz NOT NULL,
                next_attempt_at timestamptz NOT NULL,
                finished_at     timestamptz,
                last_error      text,
                PRIMARY KEY (recipient_id, key)
            );
            CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
            CREATE INDEX notifications_finished ON notifications (state, finished_at);
            """),
    ];

    public static int Latest => All[^1].Version;
}
