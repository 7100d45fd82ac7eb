# frozen_string_literal: true

class HomeController < ApplicationController
  def index
    render plain: "A Rails app around Doorkeeper #{Doorkeeper::VERSION::STRING}, configured as Mastodon #{Rails.configuration.x.mastodon_version}."
  end
end
