# frozen_string_literal: true

# Mastodon's Auth::SessionsController on the sign-in path: Devise's, in the modal layout.
class Auth::SessionsController < Devise::SessionsController
  layout 'modal'
end
