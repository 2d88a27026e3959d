import * as Comlink from 'comlink';
import { installErrorTransfer } from './errorTransfer';
import { PolicyService } from './policyService';

installErrorTransfer();
Comlink.expose(new PolicyService());
