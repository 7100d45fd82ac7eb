# frozen_string_literal: true

# Starts the engine: a fresh SQLite schema, the seeded user (ENGINE_USER_EMAIL, ENGINE_USER_PASSWORD,
# ENGINE_USER_NAME), Puma on 127.0.0.1 and a free port. Prints one line, "engine ready <url> in <ms> ms", when it
# answers; stops on SIGTERM/SIGINT.
started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
require 'tmpdir'
require 'fileutils'
dir = Dir.mktmpdir('doorkeeper-engine-')
ENV['ENGINE_DATABASE'] ||= File.join(dir, 'engine.sqlite3')
ENV['RAILS_ENV'] ||= 'production'
$stdout.sync = true
require 'openssl'
require 'base64'
# A Web Push key pair's public half, in Mastodon's format (URL-safe base64 of the uncompressed P-256 point).
ENV['VAPID_PUBLIC_KEY'] ||= Base64.urlsafe_encode64(OpenSSL::PKey::EC.generate('prime256v1').public_key.to_bn.to_s(2))

require_relative 'config/application'
require_relative 'db/schema'
ActiveRecord::Base.establish_connection(ENV['DATABASE_URL'])
EngineSchema.create!
DoorkeeperEngine::Application.initialize!

User.create!(
  email: ENV.fetch('ENGINE_USER_EMAIL'),
  password: ENV.fetch('ENGINE_USER_PASSWORD'),
  username: ENV.fetch('ENGINE_USER_NAME', 'conformance')
)

require 'puma'
require 'puma/server'
# After each answer Puma's one thread waits up to 0.2 s for the next request on the same connection, while a client's
# request on another connection waits in the accept queue: every request of the run took 200 ms. Not waiting keeps the
# connection all the same (it goes back to Puma's reactor).
Puma::Const.send(:remove_const, :FAST_TRACK_KA_TIMEOUT)
Puma::Const::FAST_TRACK_KA_TIMEOUT = 0
# One request at a time: SQLite has no row locks (Mastodon's Postgres has), and two writers in one file answer
# "database is locked" (a 500) where Postgres would wait. Doorkeeper's own checks still decide every race.
threads = Integer(ENV.fetch('ENGINE_THREADS', '1'))
server = Puma::Server.new(Rails.application, Puma::Events.new($stderr, $stderr), { min_threads: 1, max_threads: threads })
listener = server.add_tcp_listener('127.0.0.1', Integer(ENV.fetch('ENGINE_PORT', '0')))
port = listener.addr[1]
thread = server.run
elapsed = ((Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000).round
puts "engine ready http://127.0.0.1:#{port} in #{elapsed} ms (Doorkeeper #{Doorkeeper::VERSION::STRING}, Rails #{Rails.version}, as Mastodon #{Rails.configuration.x.mastodon_version})"

stop = proc { server.stop(true) rescue nil; FileUtils.rm_rf(dir); exit!(0) }
Signal.trap('TERM') { Thread.new { stop.call } }
Signal.trap('INT') { Thread.new { stop.call } }
thread.join
