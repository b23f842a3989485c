namespace DiscussionBot.Storage.Sqlite.Schema;

/// <summary>
/// Forward-only schema migrations. Migration N takes the store from PRAGMA user_version N-1 to N.
/// Never edit a shipped migration: add the next one.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> All { get; } =
    [
        // 1: documents, their segmentation and analysis, and the full-text index over sentences.
        """
        CREATE TABLE documents (
            id            INTEGER PRIMARY KEY,
            source_name   TEXT    NOT NULL UNIQUE,
            title         TEXT    NOT NULL,
            text          TEXT    NOT NULL,
            content_hash  TEXT    NOT NULL,
            fingerprint   TEXT    NOT NULL,
            ingested_at   TEXT    NOT NULL
        );

        CREATE TABLE paragraphs (
            document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number        INTEGER NOT NULL,
            start         INTEGER NOT NULL,
            length        INTEGER NOT NULL,
            is_furniture  INTEGER NOT NULL,
            PRIMARY KEY (document_id, number)
        ) WITHOUT ROWID;

        CREATE TABLE sentences (
            id               INTEGER PRIMARY KEY,
            document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal          INTEGER NOT NULL,
            paragraph_number INTEGER NOT NULL,
            start            INTEGER NOT NULL,
            length           INTEGER NOT NULL,
            text             TEXT    NOT NULL,
            is_quotable      INTEGER NOT NULL,
            salience         REAL    NOT NULL DEFAULT 0,
            vector           BLOB,
            UNIQUE (document_id, ordinal)
        );

        CREATE TABLE key_phrases (
            document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            rank         INTEGER NOT NULL,
            phrase       TEXT    NOT NULL,
            score        REAL    NOT NULL,
            PRIMARY KEY (document_id, rank)
        ) WITHOUT ROWID;

        CREATE TABLE store_meta (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        ) WITHOUT ROWID;

        INSERT INTO store_meta (key, value) VALUES ('revision', '0');

        -- External-content FTS5 over sentence text: the text is stored once, in sentences.
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text,
            content = 'sentences',
            content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );

        CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
        END;

        CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """,

        // 2: the bot's pins and the content hashes of the sources each pinned summary quotes.
        """
        CREATE TABLE pins (
            id              INTEGER PRIMARY KEY,
            guild_id        INTEGER NOT NULL,
            channel_id      INTEGER NOT NULL,
            message_id      INTEGER NOT NULL UNIQUE,
            moderator_id    INTEGER NOT NULL,
            moderator_name  TEXT    NOT NULL,
            scope           TEXT    NOT NULL,
            length          TEXT    NOT NULL,
            pinned_at       TEXT    NOT NULL
        );

        CREATE INDEX pins_by_guild ON pins (guild_id, pinned_at DESC);

        CREATE TABLE pin_sources (
            pin_id        INTEGER NOT NULL REFERENCES pins(id) ON DELETE CASCADE,
            document_id   INTEGER NOT NULL,
            title         TEXT    NOT NULL,
            content_hash  TEXT    NOT NULL,
            PRIMARY KEY (pin_id, document_id)
        ) WITHOUT ROWID;
        """,

        // 3: whole-document full-text index (title and text) for document ranking. External content over
        // documents, kept in step by triggers; 'rebuild' indexes the documents a v2 store already holds.
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title,
            text,
            content = 'documents',
            content_rowid = 'id',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );

        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;

        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

        INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
        """,

        // 4: documents are found by their text, so identical text is stored once. source_name is the document's key
        // (the path relative to the folder given to ingest); a v3 store's file names are already the keys of files
        // at the top of that folder, so existing rows need no change. Not UNIQUE: an older store may hold duplicates.
        """
        CREATE INDEX documents_by_content ON documents (content_hash);
        """,

        // 5: documents a server adds from Discord belong to that server (NULL: the operator's, seen everywhere),
        // with who added them and from where. Existing documents are the operator's.
        """
        ALTER TABLE documents ADD COLUMN guild_id INTEGER;
        ALTER TABLE documents ADD COLUMN added_by_id INTEGER;
        ALTER TABLE documents ADD COLUMN added_by_name TEXT;
        ALTER TABLE documents ADD COLUMN origin TEXT;
        CREATE INDEX documents_by_guild ON documents (guild_id);
        """,
    ];
}
