-- The credit pack catalog. Packs are never deleted physically: deleted_at marks a soft delete,
-- and only rows that are active and not deleted are offered to users.
CREATE TABLE credit_pack (
    id         VARCHAR(64)    NOT NULL PRIMARY KEY,
    name       VARCHAR(200)   NOT NULL,
    code       VARCHAR(64)    NOT NULL,
    credits    INTEGER        NOT NULL,
    price      NUMERIC(12, 2) NOT NULL,
    active     BOOLEAN        NOT NULL DEFAULT TRUE,
    deleted_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT credit_pack_code_unique UNIQUE (code),
    CONSTRAINT credit_pack_id_not_blank CHECK (TRIM(id) <> ''),
    CONSTRAINT credit_pack_name_not_blank CHECK (TRIM(name) <> ''),
    CONSTRAINT credit_pack_code_not_blank CHECK (TRIM(code) <> ''),
    CONSTRAINT credit_pack_credits_positive CHECK (credits > 0),
    CONSTRAINT credit_pack_price_not_negative CHECK (price >= 0)
);
