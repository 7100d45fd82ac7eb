# frozen_string_literal: true

class Api::V1::InstancesController < Api::BaseController
  def show
    render json: {
      uri: Rails.configuration.x.domain, title: 'Mastodon', short_description: '', description: '', email: '',
      version: Rails.configuration.x.mastodon_version, urls: {}, stats: { user_count: User.count, status_count: 0, domain_count: 0 },
      thumbnail: nil, languages: %w(en), registrations: false, approval_required: false, invites_enabled: false
    }
  end
end
