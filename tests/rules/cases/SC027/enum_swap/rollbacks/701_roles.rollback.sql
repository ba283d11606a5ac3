-- expect: none of SC027
DROP TABLE members;
DROP TYPE team_role;
