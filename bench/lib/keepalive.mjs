// Node's fetch would open a new TCP connection for every call to the mock: the mock answers
// `Keep-Alive: timeout=1`, and undici takes its keepAliveTimeoutThreshold (1 s by default) off
// that hint, leaving 0, so it drops each socket after its answer. That connect-and-close would sit
// in every Node number, the floor's too, while workerd keeps its connection. So the bench's Node
// processes give fetch an agent (undici pinned to the version Node bundles) that keeps an idle
// connection for the mock's second minus half a second. Import this before any fetch.
import { Agent, setGlobalDispatcher } from "undici";

setGlobalDispatcher(new Agent({ keepAliveTimeoutThreshold: 500 }));
