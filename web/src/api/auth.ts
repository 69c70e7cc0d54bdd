// Sign-in documents: sent with plain fetch by the session (they run before any token exists).
export type Role = 'ADMIN' | 'OPERATOR' | 'VIEWER';

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  user: { username: string; role: Role; tags: string[]; passwordChangeRequired: boolean };
}

const PAYLOAD = 'accessToken refreshToken user { username role tags passwordChangeRequired }';

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${PAYLOAD} } }`;
export const REFRESH = `mutation Refresh($refreshToken: String!) { refresh(refreshToken: $refreshToken) { ${PAYLOAD} } }`;
export const LOGOUT = `mutation Logout { logout }`;
export const CHANGE_PASSWORD = `mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) { username passwordChangeRequired } }`;
