#pragma once

namespace tessera::cli {

class CommandRegistry;

// A vault's authenticators: totp enroll, confirm, reset, status and the vault's MFA policy (totp policy).
class TotpCommands
{
public:
    static void registerAll(CommandRegistry& registry);
};

} // namespace tessera::cli
