-- The contract's rule for id, name and code: at least one character that is not white space.
-- V1's TRIM(x) <> '' removed only spaces, so a name of tabs or newlines passed it (and was served).
-- Here every white-space character (the producer's CreditPack.isWhiteSpace, below as CHR codes:
-- tab, line feed, vertical tab, form feed, carriage return, the four information separators, NEL,
-- no-break space, and Unicode's other space, line and paragraph separators and the byte order
-- mark) is turned into a space before trimming; TRANSLATE and CHR read the same on H2 and PostgreSQL.
-- A store that already holds such a row fails this migration, naming the constraint: fix the row
-- (the producer leaves it out of the catalog meanwhile), then migrate again.

ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_id_not_blank;
ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_name_not_blank;
ALTER TABLE credit_pack DROP CONSTRAINT credit_pack_code_not_blank;
ALTER TABLE credit_pack ADD CONSTRAINT credit_pack_id_not_blank
    CHECK (TRIM(TRANSLATE(id, CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13) || CHR(28) || CHR(29) || CHR(30) || CHR(31) || CHR(133) || CHR(160) || CHR(5760) || CHR(8192) || CHR(8193) || CHR(8194) || CHR(8195) || CHR(8196) || CHR(8197) || CHR(8198) || CHR(8199) || CHR(8200) || CHR(8201) || CHR(8202) || CHR(8232) || CHR(8233) || CHR(8239) || CHR(8287) || CHR(12288) || CHR(65279),
                          '                             ')) <> '');
ALTER TABLE credit_pack ADD CONSTRAINT credit_pack_name_not_blank
    CHECK (TRIM(TRANSLATE(name, CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13) || CHR(28) || CHR(29) || CHR(30) || CHR(31) || CHR(133) || CHR(160) || CHR(5760) || CHR(8192) || CHR(8193) || CHR(8194) || CHR(8195) || CHR(8196) || CHR(8197) || CHR(8198) || CHR(8199) || CHR(8200) || CHR(8201) || CHR(8202) || CHR(8232) || CHR(8233) || CHR(8239) || CHR(8287) || CHR(12288) || CHR(65279),
                          '                             ')) <> '');
ALTER TABLE credit_pack ADD CONSTRAINT credit_pack_code_not_blank
    CHECK (TRIM(TRANSLATE(code, CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13) || CHR(28) || CHR(29) || CHR(30) || CHR(31) || CHR(133) || CHR(160) || CHR(5760) || CHR(8192) || CHR(8193) || CHR(8194) || CHR(8195) || CHR(8196) || CHR(8197) || CHR(8198) || CHR(8199) || CHR(8200) || CHR(8201) || CHR(8202) || CHR(8232) || CHR(8233) || CHR(8239) || CHR(8287) || CHR(12288) || CHR(65279),
                          '                             ')) <> '');
