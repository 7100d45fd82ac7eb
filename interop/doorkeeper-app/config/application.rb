# frozen_string_literal: true

# A Rails 6.1 application on Debian's packages, configured the way Mastodon configures Doorkeeper: the OAuth
# decisions are Doorkeeper's own; this app only routes, configures and renders, as Mastodon does.
require 'logger'
require 'rails'
require 'active_record/railtie'
require 'action_controller/railtie'
require 'action_view/railtie'
require 'action_mailer/railtie'
require 'devise'
require 'doorkeeper'
require 'rack/cors'
require 'sqlite3'

module DoorkeeperEngine
  class Application < Rails::Application
    config.load_defaults 6.1
    config.root = File.expand_path('..', __dir__)
    config.eager_load = true
    config.cache_classes = true
    config.logger = Logger.new($stderr, level: ENV['ENGINE_LOG_LEVEL'] || :error)
    config.log_level = :error
    config.secret_key_base = ENV['ENGINE_SECRET_KEY_BASE'] || SecureRandom.hex(64)
    config.hosts.clear
    config.consider_all_requests_local = false
    config.action_dispatch.show_exceptions = true
    config.active_record.sqlite3.represent_boolean_as_integer = true if config.active_record.sqlite3.respond_to?(:represent_boolean_as_integer=)
    # Mastodon: config/initializers/session_store.rb (the cookie store, SameSite=Lax). No force_ssl: this is plain
    # http on loopback, as a Mastodon development build runs.
    config.session_store :cookie_store, key: '_mastodon_session', same_site: :lax
    config.i18n.available_locales = %i(en de)
    config.i18n.default_locale = :en
    config.i18n.load_path += Dir[File.expand_path('locales/*.yml', __dir__)]
    config.x.mastodon_version = ENV['ENGINE_MASTODON_VERSION'] || '4.3.0'
    config.x.domain = 'localhost'
    # Mastodon's config/initializers/vapid.rb: an instance with Web Push configured (boot.rb makes a key).
    config.x.vapid_public_key = ENV['VAPID_PUBLIC_KEY']

    config.to_prepare do
      # Mastodon config/application.rb: the OAuth pages use the modal layout, and the model and pre-authorization
      # extensions are Mastodon's own code.
      Doorkeeper::AuthorizationsController.layout 'modal'
      Doorkeeper::Application.include ApplicationExtension
      Doorkeeper::OAuth::PreAuthorization.include OauthPreAuthorizationExtension
    end
  end
end
