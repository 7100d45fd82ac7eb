# frozen_string_literal: true

# As Mastodon's: secrets never reach the log (the self-test may print the engine's log when a run fails).
Rails.application.config.filter_parameters += [
  :passw, :secret, :token, :_key, :crypt, :salt, :certificate, :otp, :ssn, :code, :code_verifier, :client_secret,
]
