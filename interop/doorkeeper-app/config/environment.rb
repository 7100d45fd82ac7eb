# frozen_string_literal: true

require_relative 'application'
require_relative "../db/schema"

DoorkeeperEngine::Application.initialize!
