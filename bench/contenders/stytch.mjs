// stytch, Stytch's official Node SDK. Its constructor refuses a non-https custom_base_url, so
// the bench points the client's shared fetch config at the loopback mock after construction
// (every sub-client holds that same object).
import { B2BClient } from "stytch";

export default {
  name: "stytch",
  methods: {
    "stytch.slack"(t) {
      const stytch = new B2BClient({ project_id: t.projectId, secret: t.stytchSecret });
      stytch.fetchConfig.baseURL = t.url;
      return () => stytch.organizations.members.oauthProviders.slack({ organization_id: t.organizationId, member_id: t.memberId });
    },
  },
};
