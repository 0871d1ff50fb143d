/** The network operator's tooling (docs/network-operator.md): one function per `ipex network` command. */
import '../../protocol/pki/reflect-metadata.js'; // before @peculiar/x509 (see that module)

export { initNetwork, type InitResult } from './init.js';
export { addOffice, logKeyName, type AddOfficeOptions, type AddOfficeResult } from './add-office.js';
export { startRotation, finishRotation, type RotateResult } from './rotate.js';
export { revoke, setSuspended, type RevokeOptions, type RevokeResult } from './status.js';
export { publish, buildDirectory, type PublishResult } from './publish.js';
export { readRegister, networkPaths, type NetworkContext, type NetworkRegister } from './network-folder.js';
