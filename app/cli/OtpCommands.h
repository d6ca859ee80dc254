#pragma once

namespace tessera::cli {

class CommandRegistry;

// The stateless one-time-code tools, no vault needed: totp code, hotp code, totp qr.
class OtpCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
