-- A worker's first payment is read with the worker's key from the key's index alone: the nightly
-- waiting rows ask it for each SR41 received that day (198,848 nationally on 2021-08-01), and
-- reading each answer from the table cost one random page per worker. The day rides in the index
-- for free: a pseudonym's 64 characters leave the padding of each index entry room for it.
ALTER TABLE worker_first_payment DROP CONSTRAINT worker_first_payment_pkey;
ALTER TABLE worker_first_payment ADD CONSTRAINT worker_first_payment_pkey PRIMARY KEY (worker_pseudonym) INCLUDE (paid_on);
