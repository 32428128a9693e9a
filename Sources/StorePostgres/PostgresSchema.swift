internal import Foundation

/// The PostgreSQL store's schema as versioned migrations, with the same invariants as the
/// SQLite store's: states checked, decisions need a reviewer, rejections a reason, the
/// machine's proposal fixed, decided items final but for filing, items, edits and audit
/// events never deleted.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        ("v1: the review store", """
            CREATE EXTENSION IF NOT EXISTS unaccent;
            -- Search words lower case and without diacritics, in any language: the simple
            -- configuration with unaccent in front. Headlines then mark the original words.
            CREATE TEXT SEARCH CONFIGURATION dossier_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION dossier_search
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;
            CREATE FUNCTION dossier_refuse() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;

            CREATE TABLE cases (
                id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
                created_at timestamptz NOT NULL
            );
            CREATE TABLE originals (
                sha256 text PRIMARY KEY CHECK (length(sha256) = 64),
                bytes bytea NOT NULL
            );
            CREATE TABLE documents (
                id bigserial PRIMARY KEY,
                case_id text NOT NULL REFERENCES cases(id),
                sha256 text NOT NULL REFERENCES originals(sha256),
                file_name text NOT NULL CHECK (length(file_name) > 0),
                format text NOT NULL CHECK (format IN ('pdf', 'png', 'jpeg', 'tiff')),
                byte_count bigint NOT NULL CHECK (byte_count >= 0),
                added_at timestamptz NOT NULL,
                transcription_settings text NOT NULL DEFAULT '',
                UNIQUE (case_id, sha256)
            );
            CREATE INDEX documents_by_content ON documents(sha256, transcription_settings);
            CREATE TABLE pages (
                document_id bigint NOT NULL REFERENCES documents(id),
                number integer NOT NULL CHECK (number >= 1),
                method text NOT NULL CHECK (method IN ('text-layer', 'ocr')),
                text text NOT NULL,
                confidence double precision CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
                corrections text,
                decision text,
                text_layer_score double precision CHECK (text_layer_score IS NULL OR text_layer_score BETWEEN 0 AND 1),
                layout text,
                needs_language text,
                search tsvector GENERATED ALWAYS AS (to_tsvector('dossier_search'::regconfig, text)) STORED,
                PRIMARY KEY (document_id, number)
            );
            CREATE INDEX pages_search ON pages USING gin (search);

            CREATE TABLE review_items (
                id bigserial PRIMARY KEY,
                document_id bigint NOT NULL REFERENCES documents(id),
                kind text NOT NULL CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary')),
                summary text NOT NULL,
                proposal text NOT NULL,
                evidence text NOT NULL DEFAULT '[]',
                state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'edited', 'approved',
                    'edited-and-approved', 'rejected', 'filed')),
                reviewer text CHECK (reviewer IS NULL OR length(trim(reviewer)) > 0),
                decided_at timestamptz,
                reason text,
                created_at timestamptz NOT NULL,
                priority integer NOT NULL DEFAULT 0,
                claimed_by text CHECK (claimed_by IS NULL OR length(trim(claimed_by)) > 0),
                claimed_until timestamptz,
                edit_id bigint,
                reproposed_from bigint REFERENCES review_items(id),
                versions text NOT NULL DEFAULT '{}',
                CHECK ((state IN ('proposed', 'edited')) = (reviewer IS NULL AND decided_at IS NULL)),
                CHECK (state <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0),
                CHECK (state NOT IN ('edited', 'edited-and-approved') OR edit_id IS NOT NULL),
                CHECK ((claimed_by IS NULL) = (claimed_until IS NULL))
            );
            CREATE INDEX review_items_by_document ON review_items(document_id);
            CREATE INDEX review_items_queue ON review_items(state, priority DESC, id);
            CREATE TABLE item_edits (
                id bigserial PRIMARY KEY,
                item_id bigint NOT NULL REFERENCES review_items(id),
                editor text NOT NULL CHECK (length(trim(editor)) > 0),
                edited_at timestamptz NOT NULL,
                summary text NOT NULL,
                proposal text NOT NULL,
                evidence text NOT NULL,
                diff text NOT NULL
            );
            ALTER TABLE review_items ADD FOREIGN KEY (edit_id) REFERENCES item_edits(id);

            CREATE TRIGGER review_items_proposals_are_fixed BEFORE UPDATE ON review_items FOR EACH ROW
                WHEN (NEW.kind IS DISTINCT FROM OLD.kind OR NEW.summary IS DISTINCT FROM OLD.summary
                      OR NEW.proposal IS DISTINCT FROM OLD.proposal OR NEW.evidence IS DISTINCT FROM OLD.evidence
                      OR NEW.document_id IS DISTINCT FROM OLD.document_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
                      OR NEW.versions IS DISTINCT FROM OLD.versions)
                EXECUTE FUNCTION dossier_refuse('a proposal cannot change; store a reviewer''s version instead');
            CREATE TRIGGER review_items_decisions_are_final BEFORE UPDATE ON review_items FOR EACH ROW
                WHEN (OLD.state IN ('rejected', 'filed')
                      OR (OLD.state IN ('approved', 'edited-and-approved') AND (NEW.state <> 'filed'
                          OR NEW.reviewer IS DISTINCT FROM OLD.reviewer OR NEW.decided_at IS DISTINCT FROM OLD.decided_at
                          OR NEW.edit_id IS DISTINCT FROM OLD.edit_id)))
                EXECUTE FUNCTION dossier_refuse('a decided review item cannot change');
            CREATE TRIGGER review_items_are_never_deleted BEFORE DELETE ON review_items FOR EACH ROW
                EXECUTE FUNCTION dossier_refuse('review items are never deleted');
            CREATE TRIGGER item_edits_are_fixed BEFORE UPDATE OR DELETE ON item_edits FOR EACH ROW
                EXECUTE FUNCTION dossier_refuse('stored edits never change');

            CREATE TABLE audit_events (
                sequence bigint PRIMARY KEY,
                at text NOT NULL,
                actor text NOT NULL,
                action text NOT NULL,
                case_id text NOT NULL,
                item_id bigint,
                document_sha256 text,
                before_hash text,
                after_hash text,
                state text,
                versions text NOT NULL,
                previous_hash text NOT NULL,
                hash text NOT NULL
            );
            CREATE INDEX audit_events_by_case ON audit_events(case_id, sequence);
            CREATE TRIGGER audit_events_are_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW
                EXECUTE FUNCTION dossier_refuse('the audit trail is append-only');
            CREATE TRIGGER audit_events_are_never_truncated BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT
                EXECUTE FUNCTION dossier_refuse('the audit trail is append-only');
            -- The head row exists from the start: appending locks it, so events are numbered
            -- one after another whatever the number of writers.
            CREATE TABLE audit_head (
                id integer PRIMARY KEY CHECK (id = 1),
                sequence bigint NOT NULL,
                hash text NOT NULL
            );
            INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
            CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
            """),
        ("v2: accounts, sessions, real actors", """
            CREATE TABLE accounts (
                name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64 AND lower(name) NOT IN ('dossier', '-', 'root', 'system')),
                role text NOT NULL CHECK (role IN ('reviewer', 'intake', 'supervisor')),
                password_hash text NOT NULL CHECK (password_hash LIKE '$2_$%' AND length(password_hash) = 60),
                active boolean NOT NULL DEFAULT true,
                created_by text REFERENCES accounts(name),
                created_at timestamptz NOT NULL,
                failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
                locked_until timestamptz
            );
            CREATE UNIQUE INDEX accounts_by_folded_name ON accounts (lower(name));
            CREATE FUNCTION dossier_has_accounts() RETURNS boolean LANGUAGE sql STABLE
                AS $$ SELECT EXISTS (SELECT 1 FROM accounts) $$;
            CREATE FUNCTION dossier_is_active_account(who text) RETURNS boolean LANGUAGE sql STABLE
                AS $$ SELECT EXISTS (SELECT 1 FROM accounts WHERE name = who AND active) $$;
            CREATE FUNCTION dossier_is_supervisor(who text) RETURNS boolean LANGUAGE sql STABLE
                AS $$ SELECT EXISTS (SELECT 1 FROM accounts WHERE name = who AND active AND role = 'supervisor') $$;
            CREATE FUNCTION dossier_is_decider(who text) RETURNS boolean LANGUAGE sql STABLE
                AS $$ SELECT EXISTS (SELECT 1 FROM accounts WHERE name = who AND active AND role IN ('reviewer', 'supervisor')) $$;
            -- Only the first account comes without a supervisor, and it is a supervisor.
            CREATE TRIGGER accounts_first_is_a_supervisor BEFORE INSERT ON accounts FOR EACH ROW
                WHEN (NEW.created_by IS NULL AND (NEW.role <> 'supervisor' OR dossier_has_accounts()))
                EXECUTE FUNCTION dossier_refuse('only the first account may be added without a supervisor, and it must be a supervisor');
            CREATE TRIGGER accounts_are_added_by_supervisors BEFORE INSERT ON accounts FOR EACH ROW
                WHEN (NEW.created_by IS NOT NULL AND NOT dossier_is_supervisor(NEW.created_by))
                EXECUTE FUNCTION dossier_refuse('accounts are added by an active supervisor');
            CREATE TRIGGER accounts_keep_their_origin BEFORE UPDATE ON accounts FOR EACH ROW
                WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.created_by IS DISTINCT FROM OLD.created_by
                      OR NEW.created_at IS DISTINCT FROM OLD.created_at)
                EXECUTE FUNCTION dossier_refuse('an account keeps its name and origin');
            CREATE TRIGGER accounts_are_never_deleted BEFORE DELETE ON accounts FOR EACH ROW
                EXECUTE FUNCTION dossier_refuse('accounts are disabled, never deleted');

            CREATE TABLE sessions (
                token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
                account text NOT NULL REFERENCES accounts(name),
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
                ended_at timestamptz
            );
            CREATE INDEX sessions_by_account ON sessions(account);

            -- Every event names an active account; the machine names itself only for its own
            -- proposals and for refused logins.
            CREATE TRIGGER audit_events_name_real_actors BEFORE INSERT ON audit_events FOR EACH ROW
                WHEN (NOT ((NEW.actor = 'dossier' AND NEW.action IN ('propose', 'login-failed'))
                           OR dossier_is_active_account(NEW.actor)))
                EXECUTE FUNCTION dossier_refuse('an audit event must name an active account');
            CREATE TRIGGER review_items_deciders_are_accounts BEFORE UPDATE ON review_items FOR EACH ROW
                WHEN ((NEW.reviewer IS NOT NULL AND NEW.reviewer IS DISTINCT FROM OLD.reviewer AND NOT dossier_is_decider(NEW.reviewer))
                      OR (NEW.claimed_by IS NOT NULL AND NEW.claimed_by IS DISTINCT FROM OLD.claimed_by
                          AND NOT dossier_is_decider(NEW.claimed_by)))
                EXECUTE FUNCTION dossier_refuse('a decision or claim must name an active reviewer or supervisor account');
            CREATE TRIGGER item_edits_editors_are_accounts BEFORE INSERT ON item_edits FOR EACH ROW
                WHEN (NOT dossier_is_decider(NEW.editor))
                EXECUTE FUNCTION dossier_refuse('an edit must name an active reviewer or supervisor account');

            INSERT INTO settings (key, value) VALUES ('store-id', replace(gen_random_uuid()::text, '-', ''))
                ON CONFLICT (key) DO NOTHING;
            """),
        ("v3: items about the whole case", """
            -- The case overview and the flags only the case as a whole raises belong to the case,
            -- not to a document: items get their own case id, and a document only when about one.
            -- Every row is kept; the guards are held off for the copy and then made again.
            ALTER TABLE review_items ADD COLUMN case_id text REFERENCES cases(id);
            ALTER TABLE review_items ALTER COLUMN document_id DROP NOT NULL;
            ALTER TABLE review_items DISABLE TRIGGER USER;
            UPDATE review_items i SET case_id = d.case_id FROM documents d WHERE d.id = i.document_id;
            UPDATE review_items SET document_id = NULL
                WHERE kind IN ('flag', 'summary') AND proposal LIKE '{%' AND (proposal::jsonb ->> 'scope') = 'case';
            ALTER TABLE review_items ENABLE TRIGGER USER;
            ALTER TABLE review_items ALTER COLUMN case_id SET NOT NULL;
            ALTER TABLE review_items ADD CHECK (document_id IS NOT NULL OR kind IN ('flag', 'summary'));
            CREATE INDEX review_items_by_case ON review_items(case_id, state);
            DROP TRIGGER review_items_proposals_are_fixed ON review_items;
            CREATE TRIGGER review_items_proposals_are_fixed BEFORE UPDATE ON review_items FOR EACH ROW
                WHEN (NEW.kind IS DISTINCT FROM OLD.kind OR NEW.summary IS DISTINCT FROM OLD.summary
                      OR NEW.proposal IS DISTINCT FROM OLD.proposal OR NEW.evidence IS DISTINCT FROM OLD.evidence
                      OR NEW.document_id IS DISTINCT FROM OLD.document_id OR NEW.case_id IS DISTINCT FROM OLD.case_id
                      OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.versions IS DISTINCT FROM OLD.versions)
                EXECUTE FUNCTION dossier_refuse('a proposal cannot change; store a reviewer''s version instead');
            """),
        ("v4: text, mail, Office and archive formats; members of a container", """
            -- Documents may be text, HTML, e-mail, Office files, further image kinds and archives,
            -- and may be a member of another document (an attachment, a file in a ZIP): its
            -- parent, position and name there. An Office file keeps the PDF it was converted to.
            ALTER TABLE documents DROP CONSTRAINT documents_format_check;
            ALTER TABLE documents ADD CONSTRAINT documents_format_check CHECK (format IN ('pdf', 'png', 'jpeg', 'tiff',
                'text', 'html', 'webp', 'heic', 'email', 'msg', 'docx', 'odt', 'doc', 'rtf', 'zip'));
            ALTER TABLE documents ADD COLUMN parent_id bigint REFERENCES documents(id);
            ALTER TABLE documents ADD COLUMN member_index integer CHECK (member_index IS NULL OR member_index >= 1);
            ALTER TABLE documents ADD COLUMN member_name text;
            ALTER TABLE documents ADD COLUMN rendition_sha256 text REFERENCES originals(sha256);
            ALTER TABLE documents ADD CONSTRAINT documents_member_has_parent CHECK ((parent_id IS NULL) = (member_index IS NULL));
            CREATE INDEX documents_by_parent ON documents(parent_id);
            ALTER TABLE pages DROP CONSTRAINT pages_method_check;
            ALTER TABLE pages ADD CONSTRAINT pages_method_check CHECK (method IN ('text-layer', 'ocr', 'text-file'));
            """),
        ("v5: redaction sets as review items", """
            -- A document's redaction set is a review item of its own kind.
            ALTER TABLE review_items DROP CONSTRAINT review_items_kind_check;
            ALTER TABLE review_items ADD CONSTRAINT review_items_kind_check
                CHECK (kind IN ('document-type', 'transcript', 'flag', 'summary', 'redaction'));
            """),
        ("v6: each page's script and language", """
            ALTER TABLE pages ADD COLUMN script text;
            ALTER TABLE pages ADD COLUMN language text;
            """),
    ]

    /// The statements of a migration, one by one (the extended protocol takes one at a time):
    /// split at semicolons outside quotes, dollar-quoted bodies and comments.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false, inDollar = false, inComment = false
        let characters = Array(sql)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            if inComment {
                if character == "\n" { inComment = false }
                index += 1
                continue
            }
            if !inQuote, !inDollar, character == "-", next == "-" {
                inComment = true
                index += 2
                continue
            }
            if !inDollar, character == "'" { inQuote.toggle() }
            if !inQuote, character == "$", next == "$" {
                inDollar.toggle()
                current.append("$$")
                index += 2
                continue
            }
            if !inQuote, !inDollar, character == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(character)
            }
            index += 1
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
