# frozen_string_literal: true

Devise.setup do |config|
  require 'devise/orm/active_record'
  config.mailer_sender = 'notifications@localhost'
  config.case_insensitive_keys = [:email]
  config.strip_whitespace_keys = [:email]
  config.skip_session_storage = [:http_auth]
  config.stretches = 1
  config.sign_out_via = :delete
  config.navigational_formats = ['*/*', :html]
end
