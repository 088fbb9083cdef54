import type { MigrationFn } from '../migrator';

/**
 * Accounts: users, the restaurants staff work in, paired devices and sessions.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      phone_enc text,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('manager', 'kitchen', 'host', 'guest')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- login looks e-mail up case-insensitively; one account per address
    CREATE UNIQUE INDEX users_email ON users (lower(email));

    CREATE TABLE staff_restaurants (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, restaurant_id)
    );

    CREATE TABLE devices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('kiosk', 'kitchen', 'board')),
      station_id uuid REFERENCES stations(id) ON DELETE SET NULL,
      name text NOT NULL,
      pairing_code_hash text UNIQUE,
      pairing_expires_at timestamptz,
      paired_at timestamptz,
      revoked_at timestamptz,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- GET /restaurants/:id/devices
    CREATE INDEX devices_restaurant ON devices (restaurant_id);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      device_id uuid REFERENCES devices(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((user_id IS NULL) <> (device_id IS NULL))
    );
    -- revoking a device revokes its sessions
    CREATE INDEX sessions_device ON sessions (device_id) WHERE device_id IS NOT NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP TABLE IF EXISTS sessions, devices, staff_restaurants, users;
  `);
};
