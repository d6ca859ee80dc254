#!/usr/bin/python3
"""Regenerates resources/data/jwt-secrets.txt (the weak-hmac-secret list).

Run from the repository root with Debian's python3-zxcvbn installed:
    /usr/bin/python3 tests/data/jose/make-jwt-secrets.py > resources/data/jwt-secrets.txt
"""

from zxcvbn import frequency_lists

PASSWORD_COUNT = 3000

# Secrets seen in JWT tutorials, library READMEs, framework templates and default configs.
JWT_SECRETS = """
secret
Secret
SECRET
your-256-bit-secret
your-384-bit-secret
your-512-bit-secret
a-string-secret-at-least-256-bits-long
changeme
change-me
change_me
CHANGEME
changeit
change-this
change-this-secret
changethis
jwt
JWT
jwt-secret
jwt_secret
jwtsecret
JWT_SECRET
jwtSecret
jwt-secret-key
jwt_secret_key
jwtsecretkey
jwtkey
jwt-key
jwt_key
secretkey
secret-key
secret_key
SECRET_KEY
secretKey
SecretKey
mysecret
my-secret
my_secret
mySecret
MySecret
mysecretkey
my-secret-key
my_secret_key
mySecretKey
MySecretKey
supersecret
super-secret
super_secret
superSecret
SuperSecret
supersecretkey
super-secret-key
super_secret_key
superSecretKey
mysupersecretkey
my-super-secret-key
my_super_secret_key
mySuperSecretKey
topsecret
top-secret
top_secret
verysecret
very-secret
very_secret
verysecretkey
shhhhh
shhhhhhared-secret
keyboard cat
keyboardcat
secretOrPrivateKey
s3cr3t
s3cret
secr3t
secret1
secret12
secret123
secret1234
secret12345
secret!
secretsecret
secret-secret
secret_secret
notasecret
not-a-secret
not_a_secret
notsecret
insecure
unsafe
test
testing
test-secret
test_secret
testsecret
testkey
test-key
dev
development
dev-secret
dev_secret
devsecret
default
default-secret
default_secret
key
Key
KEY
private
privatekey
private-key
private_key
token
tokensecret
token-secret
token_secret
TOKEN_SECRET
auth
authsecret
auth-secret
auth_secret
AUTH_SECRET
app
appsecret
app-secret
app_secret
APP_SECRET
appkey
app-key
app_key
APP_KEY
apikey
api-key
api_key
API_KEY
hmac
hmacsecret
hmac-secret
hmac_secret
hs256
HS256
hs512
HS512
signingkey
signing-key
signing_key
SIGNING_KEY
accesstoken
access-token-secret
access_token_secret
ACCESS_TOKEN_SECRET
refresh-token-secret
refresh_token_secret
REFRESH_TOKEN_SECRET
your_jwt_secret
your-jwt-secret
yourjwtsecret
your_secret
your-secret
yoursecret
your-secret-key
your_secret_key
yoursecretkey
YOUR_SECRET_KEY
your-secret-here
your_secret_here
put-your-secret-here
replace-me
replace_me
REPLACE_ME
replaceme
example
example-secret
example_secret
ThisIsMySecretKey
thisismysecretkey
this-is-my-secret
this-is-a-secret
thisisasecret
ThisIsASecret
this_is_a_secret
thisisthesecret
hard!to-guess_secret
mysecretpassword
my-secret-password
password
Password
PASSWORD
password123
pass
passphrase
admin
administrator
root
qwerty
123456
1234567890
0123456789
0123456789abcdef
abcdef
abcdefghijklmnopqrstuvwxyz
abcdefghijklmnopqrstuvwxyz123456
0123456789abcdef0123456789abcdef
00000000000000000000000000000000
12345678901234567890123456789012
1234567890123456789012345678901234567890123456789012345678901234
qwertyuiopasdfghjklzxcvbnm123456
qwertyuiopasdfghjklzxcvbnm
secretsecretsecretsecretsecretsecret
mysecretmysecretmysecretmysecret
gfg_jwt_secret_key
SomeRandomSecret
some-random-secret
somesecret
some-secret
some_secret
random
randomsecret
random-secret
random_secret
sessionsecret
session-secret
session_secret
SESSION_SECRET
cookie-secret
cookiesecret
COOKIE_SECRET
node
nodejs
express
flask
django
spring
laravel
rails
""".split("\n")


def main():
    # One comment line naming source and licence, as for the other files in resources/data/.
    print("# Weak HMAC secrets for the weak-hmac-secret finding: typical JWT secrets (tutorials, READMEs, "
          "framework defaults; collected for Tessera), then zxcvbn's %d most common passwords "
          "(python3-zxcvbn 4.4.28, MIT, (c) 2012-2013 Dropbox, Inc., 2016 Daniel Wolf); "
          "made by tests/data/jose/make-jwt-secrets.py" % PASSWORD_COUNT)
    seen = set()
    out = []
    for secret in JWT_SECRETS + frequency_lists.FREQUENCY_LISTS["passwords"][:PASSWORD_COUNT]:
        if not secret or secret.startswith("#") or secret in seen or "\n" in secret or "\r" in secret:
            continue
        seen.add(secret)
        out.append(secret)
    print("\n".join(out))


if __name__ == "__main__":
    main()
