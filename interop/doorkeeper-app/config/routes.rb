# frozen_string_literal: true

# The routes of Mastodon's config/routes.rb this surface needs.
Rails.application.routes.draw do
  root 'home#index'

  get '.well-known/oauth-authorization-server', to: 'well_known/oauth_metadata#show', as: :oauth_metadata, defaults: { format: 'json' }

  devise_for :users, path: 'auth', format: false, controllers: { sessions: 'auth/sessions' }

  use_doorkeeper do
    controllers authorizations: 'oauth/authorizations', tokens: 'oauth/tokens'
  end

  namespace :api, format: false do
    namespace :v1 do
      resources :apps, only: [:create]
      namespace :apps do
        get :verify_credentials, to: 'credentials#show'
      end
      namespace :accounts do
        get :verify_credentials, to: 'credentials#show'
      end
      get :instance, to: 'instances#show'
    end
    namespace :v2 do
      get :instance, to: 'instances#show'
    end
  end
end
