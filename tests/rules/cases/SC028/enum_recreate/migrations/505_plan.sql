ALTER TYPE plan ADD VALUE 'team';
