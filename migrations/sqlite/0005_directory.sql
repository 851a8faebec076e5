-- Telefonboken: units of each organisation, people with their areas (tags) and roles in the
-- collaboration. Phone numbers are stored in E.164; `search_text` is the case- and
-- diacritics-folded text free-text filtering matches (name, title, unit, areas).
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'enhet' CHECK (kind IN ('forvaltning', 'enhet', 'avdelning')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    direct_phone TEXT,
    mobile_phone TEXT,
    email TEXT,
    user_id INTEGER UNIQUE REFERENCES users(id) ON DELETE SET NULL,
    search_text TEXT NOT NULL DEFAULT '',
    verified_at INTEGER,
    verified_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX people_email ON people(email);
CREATE INDEX people_organisation ON people(organisation_id);
CREATE INDEX people_unit ON people(unit_id);
CREATE INDEX people_verified ON people(verified_at);

CREATE TABLE person_areas (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, tag_id)
);
CREATE INDEX person_areas_tag ON person_areas(tag_id);

CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('kontaktperson', 'styrgrupp', 'beredningsgrupp', 'samordnare')),
    PRIMARY KEY (person_id, role)
);
CREATE INDEX person_roles_role ON person_roles(role);
