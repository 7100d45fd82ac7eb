# frozen_string_literal: true

class Api::V2::InstancesController < Api::BaseController
  def show
    render json: {
      domain: Rails.configuration.x.domain, title: 'Mastodon', version: Rails.configuration.x.mastodon_version,
      source_url: 'https://github.com/mastodon/mastodon', description: '', usage: { users: { active_month: User.count } }, languages: %w(en)
    }
  end
end
