# frozen_string_literal: true

# One SQLite file per process (ENGINE_DATABASE, a temporary file), its schema created at boot: Doorkeeper 5.5's
# migration (tables, PKCE columns, application owner) with Mastodon's own columns (superapp, website), and users.
ENV['DATABASE_URL'] ||= "sqlite3:#{ENV.fetch('ENGINE_DATABASE')}?timeout=10000&pool=8"

module EngineSchema
  def self.create!
    ActiveRecord::Schema.verbose = false
    ActiveRecord::Schema.define do
      create_table :users, force: true do |t|
        t.string :email, null: false
        t.string :username, null: false
        t.string :encrypted_password, null: false, default: ''
        t.string :locale
        t.timestamps null: false
      end
      add_index :users, :email, unique: true

      create_table :oauth_applications, force: true do |t|
        t.string  :name, null: false
        t.string  :uid, null: false
        t.string  :secret, null: false
        t.text    :redirect_uri, null: false
        t.string  :scopes, null: false, default: ''
        t.boolean :confidential, null: false, default: true
        t.boolean :superapp, null: false, default: false
        t.string  :website
        t.bigint  :owner_id
        t.string  :owner_type
        t.timestamps null: false
      end
      add_index :oauth_applications, :uid, unique: true

      create_table :oauth_access_grants, force: true do |t|
        t.bigint   :resource_owner_id, null: false
        t.bigint   :application_id, null: false
        t.string   :token, null: false
        t.integer  :expires_in, null: false
        t.text     :redirect_uri, null: false
        t.datetime :created_at, null: false
        t.datetime :revoked_at
        t.string   :scopes, null: false, default: ''
        t.string   :code_challenge
        t.string   :code_challenge_method
      end
      add_index :oauth_access_grants, :token, unique: true

      create_table :oauth_access_tokens, force: true do |t|
        t.bigint   :resource_owner_id
        t.bigint   :application_id
        t.string   :token, null: false
        t.string   :refresh_token
        t.integer  :expires_in
        t.datetime :revoked_at
        t.datetime :created_at, null: false
        t.string   :scopes
        t.string   :previous_refresh_token, null: false, default: ''
        t.datetime :last_used_at
      end
      add_index :oauth_access_tokens, :token, unique: true
      add_index :oauth_access_tokens, :refresh_token, unique: true
    end
  end
end
