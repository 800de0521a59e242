-- Run by Berth after the login stage (psql -v base_url=...). Casdoor has created its tables by then. Points the
-- CoStrict plugin's login application at this server, so that logging in does not fail on a wrong callback URL
-- (a recurring problem in the upstream FAQ). Idempotent: an UPDATE of one row, or nothing when the application
-- has not been created yet.
UPDATE application
   SET redirect_uris = '["' || :'base_url' || '/oidc-auth/api/v1/plugin/login/callback", "' || :'base_url' || '/oidc-auth/api/v1/manager/login/callback"]'
 WHERE name = 'loginApp';
