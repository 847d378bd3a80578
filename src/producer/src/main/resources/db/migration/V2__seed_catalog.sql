-- The catalog the API reference documents, plus a retired and a withdrawn pack that must never
-- be offered: they keep the active/deleted filter honest on every database this runs on.
INSERT INTO credit_pack (id, name, code, credits, price, active, deleted_at) VALUES
    ('pack-1', 'Pack 1', 'PACK_1', 100, 19.99, TRUE, NULL),
    ('pack-2', 'Pack 2', 'PACK_2', 500, 49.99, TRUE, NULL),
    ('pack-3', 'Pack 3', 'PACK_3', 1100, 99.99, TRUE, NULL),
    ('pack-legacy', 'Legacy Pack', 'PACK_LEGACY', 50, 9.99, FALSE, NULL),
    ('pack-retired', 'Retired Pack', 'PACK_RETIRED', 2500, 199.99, TRUE, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00');
